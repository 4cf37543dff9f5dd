package org.dect.dicom.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Decimal strings as the source wrote them: a grid written back must compare equal to its source's. */
class DicomTest {

    @Test
    void pixelSpacingsComeBackAsTheScannerWroteThem() {
        // 512 pixels over 300 mm, 250 mm and 120 mm, and values dect's own phantoms write.
        for (String s : new String[] {"0.5859375", "0.48828125", "0.234375", "0.46875", "0.6", "1", "0.3125", "0.976562"}) {
            assertEquals(s, Dicom.ds(Double.parseDouble(s)));
        }
        assertEquals("0.5859375\\0.5859375", Dicom.ds(0.5859375, 0.5859375));
    }

    @Test
    void anyDoubleIsWrittenInSixteenCharactersAndReadsBackAsCloseAsTheyAllow() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-6, 7));
            String s = Dicom.ds(v);
            assertTrue(s.length() <= 16, s);
            assertEquals(v, Double.parseDouble(s), Math.abs(v) * 1e-10 + 1e-12, s);
        }
    }
}
