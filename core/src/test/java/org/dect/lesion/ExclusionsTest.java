package org.dect.lesion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dect.decompose.Labels;
import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;
import org.junit.jupiter.api.Test;

class ExclusionsTest {

    /**
     * One slice, 0.5 mm pixels: air left of column 10, soft tissue, a cortex at column 30. Urate
     * everywhere; the rule keeps only what is at least 2 mm (4 columns) from air and more than 0.5 mm
     * (1 column) from cortex.
     */
    @Test
    void clearsUrateNearSkinAndCortexOnly() {
        int n = 40;
        short[] hu = new short[n * n];
        byte[][] labels = {new byte[n * n]};
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                hu[y * n + x] = (short) (x < 10 ? -1000 : x == 30 ? 1800 : 40);
                labels[0][y * n + x] = x >= 10 && x != 30 ? Labels.URATE : Labels.NONE;
            }
        }
        VolumeGeometry g = new VolumeGeometry(n, n, 0.5, 0.5, new double[] {1, 0, 0}, new double[] {0, 1, 0},
                new double[][] {{0, 0, 0}}, 1, 1);
        Exclusions.apply(labels, new HuVolume(g, new short[][] {hu}), 2.0, 0.5, 1, 1);
        int y = 20;
        for (int x = 10; x < n; x++) {
            // Air at column 9 and beyond the image edge (column 40) counts as outside: distances
            // (x − 9)·0.5 and (40 − x)·0.5 mm; the edges above and below are 10 mm away here.
            boolean nearSkin = (x - 9) * 0.5 < 2.0 || (40 - x) * 0.5 < 2.0;
            boolean nearCortex = Math.abs(x - 30) * 0.5 <= 0.5;
            byte expected = x == 30 ? Labels.NONE : nearSkin || nearCortex ? Labels.NONE : Labels.URATE;
            assertEquals(expected, labels[0][y * n + x], "column " + x);
        }
    }
}
