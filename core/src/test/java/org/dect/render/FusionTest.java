package org.dect.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dect.decompose.Labels;
import org.junit.jupiter.api.Test;

class FusionTest {

    private static final int[][] COLOURS = {{0, 0, 0}, Colours.URATE, Colours.CALCIUM, Colours.BONE};

    /**
     * Every label over the whole range of a short, including both ends, in several windows: each channel
     * as the definition, M = w·L + (1 − w)·H through the window, blended with the label's colour (bone at
     * half the opacity), computed here in floating point; within a level and a half, plus what the
     * painter's whole-HU, fixed-point M can shift the grey.
     */
    @Test
    void paintsTheDefinitionForEveryLabelAndHu() {
        for (Fusion fusion : new Fusion[] {Fusion.DEFAULT, new Fusion(40, 400, 0.5, 0.8), new Fusion(-30000, 100, 1, 0.3),
                new Fusion(32000, 5000, 0, 1)}) {
            Fusion.Painter painter = fusion.painter();
            int n = 4 * 1024;
            short[] low = new short[n];
            short[] high = new short[n];
            byte[] labels = new byte[n];
            long black = 0;
            for (int trial = 0; trial < 40; trial++) {
                java.util.SplittableRandom r = new java.util.SplittableRandom(trial);
                for (int i = 0; i < n; i++) {
                    low[i] = (short) (i % 97 == 0 ? Short.MIN_VALUE : i % 89 == 0 ? Short.MAX_VALUE : r.nextInt(-1 << 15, 1 << 15));
                    high[i] = (short) (i % 83 == 0 ? Short.MAX_VALUE : trial % 2 == 0 ? low[i] : r.nextInt(-1100, 2000));
                    labels[i] = (byte) r.nextInt(4);
                }
                byte[] rgb = painter.slice(low, high, labels);
                assertEquals(3 * n, rgb.length);
                for (int i = 0; i < n; i++) {
                    double mixed = fusion.lowWeight() * low[i] + (1 - fusion.lowWeight()) * high[i];
                    double grey = 255 * Math.max(0, Math.min(1, (mixed - (fusion.windowCentre() - fusion.windowWidth() / 2)) / fusion.windowWidth()));
                    double a = labels[i] == Labels.NONE ? 0 : labels[i] == Labels.BONE ? fusion.opacity() / 2 : fusion.opacity();
                    for (int c = 0; c < 3; c++) {
                        double expected = (1 - a) * grey + a * COLOURS[labels[i]][c];
                        // The mixed HU is made in whole HU with w rounded to 1/256: off by up to |L − H|/512 + 1 HU.
                        double slackHu = Math.abs(low[i] - high[i]) / 512.0 + 1;
                        double slack = 1.5 + (1 - a) * 255 * slackHu / fusion.windowWidth();
                        assertEquals(expected, rgb[3 * i + c] & 0xff, slack, "voxel " + i + " channel " + c + " of " + fusion);
                    }
                    black += rgb[3 * i] == 0 && rgb[3 * i + 1] == 0 && rgb[3 * i + 2] == 0 ? 1 : 0;
                }
            }
            assertTrue(black > 0 || fusion.windowCentre() < -20000, "some voxels are left black: " + black);
        }
    }
}
