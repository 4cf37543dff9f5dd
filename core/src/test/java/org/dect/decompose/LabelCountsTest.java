package org.dect.decompose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class LabelCountsTest {

    /** Sparse labels in slices of awkward lengths (not multiples of eight), runs at both ends. */
    private static byte[][] sparseLabels(long seed) {
        Random random = new Random(seed);
        byte[][] labels = new byte[7][];
        for (int z = 0; z < labels.length; z++) {
            labels[z] = new byte[1 + random.nextInt(300)];
            for (int i = 0; i < labels[z].length; i++) {
                labels[z][i] = random.nextInt(10) == 0 ? (byte) (1 + random.nextInt(3)) : Labels.NONE;
            }
        }
        labels[0][0] = Labels.URATE;
        labels[1][labels[1].length - 1] = Labels.CALCIUM;
        labels[2] = new byte[13]; // nothing labelled
        return labels;
    }

    @Test
    void countsEqualAPlainTallyWithAnyThreadCount() {
        byte[][] labels = sparseLabels(5);
        for (int threads : new int[] {1, 3}) {
            LabelCounts counts = LabelCounts.of(labels, threads);
            long[] totals = new long[4];
            for (int z = 0; z < labels.length; z++) {
                long[] slice = new long[4];
                for (byte b : labels[z]) {
                    slice[b]++;
                    totals[b]++;
                }
                for (byte label = 0; label < 4; label++) {
                    assertEquals(slice[label], counts.inSlice(z, label), "slice " + z + ", label " + label);
                }
            }
            for (byte label = 0; label < 4; label++) {
                assertEquals(totals[label], counts.total(label), "label " + label);
            }
        }
    }
}
