package org.dect.lesion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ExclusionsTest {

    @Test
    void chamferDistanceIsWithinEightPercentOfEuclidean() {
        int cols = 60;
        int rows = 50;
        boolean[] mask = new boolean[cols * rows];
        SplittableRandom r = new SplittableRandom(4);
        for (int k = 0; k < 12; k++) {
            mask[r.nextInt(mask.length)] = true;
        }
        float[] d = Exclusions.distance(mask, cols, rows, 0.5);
        for (int i = 0; i < mask.length; i++) {
            double best = Double.MAX_VALUE;
            for (int j = 0; j < mask.length; j++) {
                if (mask[j]) {
                    best = Math.min(best, 0.5 * Math.hypot(i % cols - j % cols, i / cols - j / cols));
                }
            }
            assertEquals(best, d[i], 0.08 * best + 1e-6, "pixel " + i);
        }
    }
}
