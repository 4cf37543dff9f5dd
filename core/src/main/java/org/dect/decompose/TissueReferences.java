package org.dect.decompose;

import org.dect.volume.HuVolume;

/**
 * The reference tissues every extremity scan holds, as this scan shows them: the air around the limb,
 * subcutaneous fat and soft tissue, each as the [low, high] HU of the voxels at its peak in the
 * low-kVp histogram (NaN where the scan has too few of them to tell). The two energies are paired by
 * voxel: the high-kVp value is the mean high-kVp HU of the voxels whose low-kVp HU lies within
 * {@link #WINDOW_HU} of the peak, which, with noise independent between the energies, is the tissue's
 * own high-kVp value. The histograms take every fourth voxel of up to 64 slices spread over the scan:
 * a million voxels or more, plenty for a peak.
 */
public record TissueReferences(double[] air, double[] fat, double[] softTissue) {

    static final int LOWEST = -1100;
    static final int HIGHEST = 400;
    /** Half-width of the low-kVp window around a peak whose voxels give the pair. */
    static final int WINDOW_HU = 10;
    /** A peak must hold this share of the sampled voxels within its window to count. */
    static final double MIN_SHARE = 0.002;
    /**
     * Where air, and where fat and soft tissue, may peak at low kVp, HU. Not at the floor of the scale
     * (−1024, or the padding outside the field of view): nothing is stored below it, so noise piles air
     * up there, and the pile is no peak of air.
     */
    static final int FLOOR = -1020;
    static final int AIR_FROM = -1015;
    static final int AIR_TO = -800;
    static final int TISSUE_FROM = -300;
    static final int TISSUE_TO = 200;
    /** Fat and soft tissue peaks are at least this far apart (about 110 HU at every kVp pair, physics.md). */
    static final int MIN_FAT_SOFT_GAP = 50;
    /** A single tissue peak below this is fat, above it soft tissue: halfway between them at 80 kVp. */
    static final int FAT_SOFT_SPLIT = -60;

    public static TissueReferences measure(HuVolume low, HuVolume high) {
        long[] count = new long[HIGHEST - LOWEST + 1];
        long[] sumHigh = new long[count.length];
        int slices = low.geometry().slices();
        int step = Math.max(1, slices / 64);
        long sampled = 0;
        for (int z = 0; z < slices; z += step) {
            sampled += count(low.slices()[z], high.slices()[z], count, sumHigh);
        }
        double[] smooth = smoothed(count);
        double[] air = pair(peak(smooth, AIR_FROM, AIR_TO), count, sumHigh, sampled);
        int[] tissues = twoPeaks(smooth);
        double[] fat = pair(tissues[0], count, sumHigh, sampled);
        double[] soft = pair(tissues[1], count, sumHigh, sampled);
        return new TissueReferences(air, fat, soft);
    }

    /** One slice, every fourth voxel, into the histogram: a small method the JIT compiles early. */
    private static long count(short[] low, short[] high, long[] count, long[] sumHigh) {
        long n = 0;
        for (int i = 0; i < low.length; i += 4) {
            int l = low[i];
            if (l >= LOWEST && l <= HIGHEST) {
                count[l - LOWEST]++;
                sumHigh[l - LOWEST] += high[i];
            }
            n++;
        }
        return n;
    }

    /** A 9-HU moving average, so that noise does not make a peak of a single bin. */
    private static double[] smoothed(long[] count) {
        double[] s = new double[count.length];
        for (int i = 0; i < count.length; i++) {
            long sum = 0;
            for (int j = Math.max(0, i - 4); j <= Math.min(count.length - 1, i + 4); j++) {
                sum += count[j];
            }
            s[i] = sum / 9.0;
        }
        return s;
    }

    /** The HU of the highest bin in [from, to], or {@code Integer.MIN_VALUE} when the range is empty. */
    private static int peak(double[] smooth, int from, int to) {
        int best = Integer.MIN_VALUE;
        double bestCount = 0;
        for (int hu = from; hu <= to; hu++) {
            double c = smooth[hu - LOWEST];
            if (c > bestCount) {
                bestCount = c;
                best = hu;
            }
        }
        return best;
    }

    /**
     * Fat and soft tissue: the two highest local maxima of the tissue range at least
     * {@link #MIN_FAT_SOFT_GAP} apart, the lower fat; a single one is fat or soft tissue by
     * {@link #FAT_SOFT_SPLIT}. {@code Integer.MIN_VALUE} for a tissue without a peak.
     */
    private static int[] twoPeaks(double[] smooth) {
        int first = peak(smooth, TISSUE_FROM, TISSUE_TO);
        int second = Integer.MIN_VALUE;
        double secondCount = 0;
        for (int hu = TISSUE_FROM + 1; hu < TISSUE_TO; hu++) {
            double c = smooth[hu - LOWEST];
            boolean localMax = c >= smooth[hu - LOWEST - 1] && c >= smooth[hu - LOWEST + 1];
            if (localMax && Math.abs(hu - first) >= MIN_FAT_SOFT_GAP && c > secondCount) {
                secondCount = c;
                second = hu;
            }
        }
        if (first == Integer.MIN_VALUE) {
            return new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE};
        }
        if (second == Integer.MIN_VALUE) {
            return first < FAT_SOFT_SPLIT ? new int[] {first, Integer.MIN_VALUE} : new int[] {Integer.MIN_VALUE, first};
        }
        return new int[] {Math.min(first, second), Math.max(first, second)};
    }

    /** [mean low, mean high] of the voxels within the window around a low-kVp peak; NaN when too few. */
    private static double[] pair(int peak, long[] count, long[] sumHigh, long sampled) {
        if (peak == Integer.MIN_VALUE) {
            return new double[] {Double.NaN, Double.NaN};
        }
        long n = 0;
        double sumLow = 0;
        double high = 0;
        for (int hu = Math.max(FLOOR, peak - WINDOW_HU); hu <= Math.min(HIGHEST, peak + WINDOW_HU); hu++) {
            n += count[hu - LOWEST];
            sumLow += (double) hu * count[hu - LOWEST];
            high += sumHigh[hu - LOWEST];
        }
        if (n < MIN_SHARE * sampled || n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {sumLow / n, high / n};
    }
}
