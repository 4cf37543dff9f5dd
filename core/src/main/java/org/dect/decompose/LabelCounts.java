package org.dect.decompose;

import org.dect.Bytes;
import org.dect.Parallel;

/**
 * How many voxels of each label every slice holds, counted once when the labels are final: the
 * writers ask it which segments and SEG frames exist and which slices a montage shows, instead of
 * each scanning the whole label volume again.
 */
public final class LabelCounts {

    private static final int KINDS = 256;

    private final long[][] perSlice;
    private final long[] totals = new long[KINDS];

    private LabelCounts(long[][] perSlice) {
        this.perSlice = perSlice;
        for (long[] s : perSlice) {
            for (int k = 0; k < KINDS; k++) {
                totals[k] += s[k];
            }
        }
    }

    public static LabelCounts of(byte[][] labels, int threads) {
        long[][] perSlice = new long[labels.length][];
        Parallel.forEach(labels.length, threads, z -> {
            byte[] slice = labels[z];
            long[] c = new long[KINDS];
            for (int i = Bytes.nextNonZero(slice, 0); i < slice.length; i = Bytes.nextNonZero(slice, i + 1)) {
                c[slice[i] & 0xff]++;
            }
            long labelled = 0;
            for (long k : c) {
                labelled += k;
            }
            c[Labels.NONE] = slice.length - labelled;
            perSlice[z] = c;
        });
        return new LabelCounts(perSlice);
    }

    /** Voxels of {@code label} in slice z. */
    public long inSlice(int z, byte label) {
        return perSlice[z][label & 0xff];
    }

    /** Voxels of {@code label} in the volume. */
    public long total(byte label) {
        return totals[label & 0xff];
    }
}
