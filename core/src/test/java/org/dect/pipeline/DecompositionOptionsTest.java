package org.dect.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecompositionOptionsTest {

    /** 0 would call every voxel denser than the background; beyond the pure materials nothing qualifies. */
    @Test
    void thresholdsMustBeAboveZeroAndWithinThePureMaterials() {
        double[][] bad = {{0, 30}, {-1, 30}, {100.5, 30}, {Double.NaN, 30}, {8, 0}, {8, -5}, {8, 1001}, {8, Double.NaN}};
        for (double[] t : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DecompositionOptions.Thresholds(t[0], t[1]), t[0] + "/" + t[1]);
            assertTrue(e.getMessage().contains(t[0] > 0 && t[0] <= 100 ? "HA threshold" : "urate threshold"), e.getMessage());
        }
        assertEquals(100, new DecompositionOptions.Thresholds(100, 1000).minUratePercent());
        assertEquals(8, DecompositionOptions.Thresholds.DEFAULT.minUratePercent());
    }
}
