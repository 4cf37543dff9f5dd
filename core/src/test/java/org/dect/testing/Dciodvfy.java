package org.dect.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;

/** dicom3tools' IOD validator: a written object must draw zero "Error" lines from it. */
public final class Dciodvfy {

    private Dciodvfy() { }

    public static void assertValid(Path file) {
        ExternalTools.require("dciodvfy", "dicom3tools");
        ExternalTools.Result r = ExternalTools.run(List.of("dciodvfy", "-new", file.toString()), null);
        List<String> errors = r.output().lines().filter(l -> l.startsWith("Error")).toList();
        if (!errors.isEmpty()) {
            fail("dciodvfy found " + errors.size() + " error(s) in " + file + ":\n" + r.output());
        }
    }
}
