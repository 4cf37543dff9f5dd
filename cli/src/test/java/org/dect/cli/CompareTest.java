package org.dect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dect compare from the command line: a scan against itself shows no change; an output without the label volume is refused. */
class CompareTest {

    @TempDir
    Path tmp;

    @Test
    void aStudyAgainstItselfShowsNoChangeAndAMissingLabelVolumeIsNamed() throws Exception {
        Path study = tmp.resolve("study");
        assertEquals(0, CliTest.dect("-q", "phantom", study.toString(), "--size", "96x96x24", "--seed", "8").code());
        CliTest.Run b = CliTest.dect("-q", "decompose", study.toString(), "-o", tmp.resolve("b").toString(), "--outputs", "report,nifti");
        assertEquals(0, b.code(), b.err());
        CliTest.Run f = CliTest.dect("-q", "decompose", study.toString(), "-o", tmp.resolve("f").toString(), "--outputs", "report,nifti");
        assertEquals(0, f.code(), f.err());
        CliTest.Run c = CliTest.dect("compare", tmp.resolve("b").toString(), tmp.resolve("f").toString(), "-o", tmp.resolve("c").toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().startsWith("urate volume changed by +0.00 mL"), c.out());
        assertTrue(c.out().contains("matched") && !c.out().contains("new ") && !c.out().contains("resolved"), c.out());
        // Identity, to within the 1 mm grid of the distance map.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("turned ([0-9.]+)°, moved ([0-9.]+) mm").matcher(c.err());
        assertTrue(m.find() && Double.parseDouble(m.group(1)) < 0.5 && Double.parseDouble(m.group(2)) < 0.5, c.err());
        assertTrue(Files.isRegularFile(tmp.resolve("c").resolve("compare.png")));

        CliTest.Run plain = CliTest.dect("-q", "decompose", study.toString(), "-o", tmp.resolve("plain").toString(), "--outputs", "report");
        assertEquals(0, plain.code(), plain.err());
        CliTest.Run refused = CliTest.dect("compare", tmp.resolve("plain").toString(), tmp.resolve("f").toString(), "-o",
                tmp.resolve("c2").toString());
        assertEquals(ExitCodes.INPUT, refused.code());
        assertTrue(refused.err().contains("holds no nifti/labels.nii.gz") && refused.err().contains("--outputs"), refused.err());
        refused.assertNoStackTrace();
        assertTrue(Files.notExists(tmp.resolve("c2")), "nothing written");
    }
}
