package org.dect.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What pydicom, a reader no one here wrote, makes of a file: the pixel array with the rescale
 * applied (HU for CT), as float64, so our decoding can be compared value by value.
 */
public final class Pydicom {

    private Pydicom() { }

    private static final String SCRIPT = String.join("\n",
            "import sys, numpy, pydicom",
            "ds = pydicom.dcmread(sys.argv[1])",
            "a = ds.pixel_array.astype(numpy.float64)",
            "a = a * float(getattr(ds, 'RescaleSlope', 1) or 1) + float(getattr(ds, 'RescaleIntercept', 0) or 0)",
            "a.astype('<f8').tofile(sys.argv[2])",
            "print(ds.Rows, ds.Columns, int(getattr(ds, 'NumberOfFrames', 1) or 1))");

    /** The rescaled pixel values of {@code file} as pydicom computes them, all frames, x fastest. */
    public static double[] rescaledPixels(Path file) {
        ExternalTools.requirePydicom();
        try {
            Path out = Files.createTempFile("pydicom-", ".f64");
            try {
                ExternalTools.check(List.of(ExternalTools.PYTHON, "-c", SCRIPT, file.toString(), out.toString()));
                ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
                double[] values = new double[buf.remaining() / 8];
                buf.asDoubleBuffer().get(values);
                return values;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs a Python snippet with pydicom available and returns its stdout. */
    public static String eval(String script, String... args) {
        ExternalTools.requirePydicom();
        List<String> command = new java.util.ArrayList<>(List.of(ExternalTools.PYTHON, "-c", script));
        command.addAll(List.of(args));
        return ExternalTools.check(command);
    }
}
