package org.dect.decompose;

import org.dect.volume.HuVolume;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * The reference tissues every extremity scan holds, as this scan shows them: the air around the limb,
 * subcutaneous fat and soft tissue, each as the [low, high] HU of the voxels at its peak in the
 * low-kVp histogram (NaN where the scan has too few of them to tell). The two energies are paired by
 * voxel: the high-kVp value is the mean high-kVp HU of the voxels whose low-kVp HU lies within
 * {@link #WINDOW_HU} of the peak, which, with noise independent between the energies, is the tissue's
 * own high-kVp value. The histograms take every fourth voxel of up to 64 slices spread over the scan:
 * a million voxels or more, plenty for a peak. Air is the exception: it is the same at both energies,
 * needs no pairing, and is read from each energy's own histogram, since each energy's floor (−1024)
 * may cut it off on its own.
 *
 * <p>Cortical bone has no peak: a cortex is a few voxels thick, and most of its voxels share theirs with
 * soft tissue or marrow. What it gives is a direction: the voxels mostly cortex ({@link #BONE_FROM}
 * HU and up at low kVp) lie on the line from soft tissue to pure cortex, whatever their share, so the
 * mean of them, taken against soft tissue, has cortical bone's dual-energy ratio
 * ({@link ScanCalibration}). NaN when the scan holds fewer than {@link #MIN_BONE_VOXELS} of them.
 */
public record TissueReferences(double[] air, double[] fat, double[] softTissue, double[] corticalBone) {

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
    /** A lowest bin this many times fuller than the next is a pile of voxels cut off at the floor. */
    static final int PILE_FACTOR = 3;
    /** Half-width of the bins the air peak's Gaussian is fitted to. */
    static final int FIT_HU = 15;
    static final int TISSUE_FROM = -300;
    static final int TISSUE_TO = 200;
    /** Fat and soft tissue peaks are at least this far apart (about 110 HU at every kVp pair, physics.md). */
    static final int MIN_FAT_SOFT_GAP = 50;
    /** A single tissue peak below this is fat, above it soft tissue: halfway between them at 80 kVp. */
    static final int FAT_SOFT_SPLIT = -60;
    /**
     * Low-kVp HU from which a voxel counts as mostly cortex: cortical bone reads 1540–2110 HU at 80 and
     * 100 kVp through 5–25 cm (physics.md), trabecular bone about 450, the densest calcinosis (400 mg/cm³
     * HA) 760. Above {@link #BONE_TO} it is metal or its streaks.
     */
    static final int BONE_FROM = 1000;
    static final int BONE_TO = 3000;
    static final int MIN_BONE_VOXELS = 200;

    /** Without cortical bone (a scan of a phantom, or tests that build the references themselves). */
    public TissueReferences(double[] air, double[] fat, double[] softTissue) {
        this(air, fat, softTissue, new double[] {Double.NaN, Double.NaN});
    }

    public static TissueReferences measure(HuVolume low, HuVolume high) {
        long[] count = new long[HIGHEST - LOWEST + 1];
        long[] sumHigh = new long[count.length];
        long[] countHigh = new long[count.length];
        int slices = low.geometry().slices();
        int step = Math.max(1, slices / 64);
        long sampled = 0;
        double[] bone = new double[3]; // sum of low, sum of high, count
        for (int z = 0; z < slices; z += step) {
            sampled += count(low.slices()[z], high.slices()[z], count, sumHigh, countHigh);
            sumBone(low.slices()[z], high.slices()[z], bone);
        }
        double[] smooth = smoothed(count);
        double[] air = {air(count, sampled), air(countHigh, sampled)};
        int[] tissues = twoPeaks(smooth);
        double[] fat = pair(tissues[0], count, sumHigh, sampled);
        double[] soft = pair(tissues[1], count, sumHigh, sampled);
        double[] cortical = bone[2] >= MIN_BONE_VOXELS ? new double[] {bone[0] / bone[2], bone[1] / bone[2]}
                : new double[] {Double.NaN, Double.NaN};
        return new TissueReferences(air, fat, soft, cortical);
    }

    /** One slice, every fourth voxel: sums of the low and high HU of the voxels mostly cortex, and their count. */
    private static void sumBone(short[] low, short[] high, double[] bone) {
        long l = 0;
        long h = 0;
        long n = 0;
        for (int i = 0; i < low.length; i += 4) {
            int v = low[i];
            if (v >= BONE_FROM && v <= BONE_TO) {
                l += v;
                h += high[i];
                n++;
            }
        }
        bone[0] += l;
        bone[1] += h;
        bone[2] += n;
    }

    /** One slice, every fourth voxel, into the histogram: a small method the JIT compiles early. */
    private static long count(short[] low, short[] high, long[] count, long[] sumHigh, long[] countHigh) {
        long n = 0;
        for (int i = 0; i < low.length; i += 4) {
            int l = low[i];
            if (l >= LOWEST && l <= HIGHEST) {
                count[l - LOWEST]++;
                sumHigh[l - LOWEST] += high[i];
            }
            int h = high[i];
            if (h >= LOWEST && h <= HIGHEST) {
                countHigh[h - LOWEST]++;
            }
            n++;
        }
        return n;
    }

    /**
     * The histogram without the pile at the lowest value stored, where a scanner puts every voxel that
     * reads below its floor (−1024 for most, but any value once a scan has been rescaled): a bin that
     * holds more than {@link #PILE_FACTOR} times the bin above it, while that bin is occupied, is the
     * noise of air cut off, not air, and would pull the air peak onto the floor. It is given the count
     * of the bin above. A lowest bin with nothing above it is a noise-free phantom's air, and stays.
     */
    private static long[] withoutFloorPile(long[] count) {
        int lowest = 0;
        while (lowest < count.length - 1 && count[lowest] == 0) {
            lowest++;
        }
        if (lowest >= count.length - 1 || count[lowest + 1] == 0 || count[lowest] <= PILE_FACTOR * count[lowest + 1]) {
            return count;
        }
        long[] out = count.clone();
        out[lowest] = count[lowest + 1];
        return out;
    }

    /** The lowest HU with a voxel in the histogram ({@link #LOWEST} when none). */
    private static int lowestStored(long[] count) {
        int i = 0;
        while (i < count.length - 1 && count[i] == 0) {
            i++;
        }
        return LOWEST + i;
    }

    /**
     * The air peak, or {@code Integer.MIN_VALUE} when it is no peak: when the histogram does not fall
     * off below it within {@link #WINDOW_HU}, above the lowest value stored. That is air read below the
     * scanner's floor (−1024): what is left of it above the floor is its upper tail, and no mean of it
     * says where air is. A noise-free phantom's air, the lowest value itself with nothing around it,
     * counts.
     */
    private static int airPeak(double[] smooth, int lowestStored) {
        int peak = peak(smooth, AIR_FROM, AIR_TO);
        if (peak == Integer.MIN_VALUE || peak <= lowestStored) {
            return peak == Integer.MIN_VALUE ? peak : lowestStored; // the smoothing spreads a noise-free air below itself
        }
        int below = peak - WINDOW_HU;
        boolean fallsOff = below > lowestStored && smooth[below - LOWEST] < smooth[peak - LOWEST];
        return fallsOff ? peak : Integer.MIN_VALUE;
    }

    /**
     * Air at one energy, from that energy's own histogram: the mean HU within {@link #WINDOW_HU} of its
     * peak. Air is the same stuff at both energies, so it needs no pairing, and each energy's floor
     * cuts it off on its own. NaN when there is too little of it, or it is cut off.
     */
    private static double air(long[] count, long sampled) {
        double[] smooth = smoothed(withoutFloorPile(count));
        int peak = airPeak(smooth, lowestStored(count));
        if (peak == Integer.MIN_VALUE) {
            return Double.NaN;
        }
        long n = 0;
        double sum = 0;
        for (int hu = Math.max(FLOOR, peak - WINDOW_HU); hu <= peak + WINDOW_HU; hu++) {
            n += count[hu - LOWEST];
            sum += (double) hu * count[hu - LOWEST];
        }
        if (n == 0 || n < MIN_SHARE * sampled) {
            return Double.NaN;
        }
        double centre = gaussianCentre(smooth, peak);
        return Double.isNaN(centre) ? sum / n : centre;
    }

    /**
     * The centre of a Gaussian fitted to the smoothed histogram within {@link #FIT_HU} of its peak (a
     * parabola through the log of the counts, weighted by the counts): the highest bin and a mean over
     * a window around it both lean towards where the peak was found, by several HU when the bins are
     * uneven (a scan whose stored values were rescaled leaves every twentieth bin doubled or empty).
     * NaN when the fit has no maximum there.
     */
    private static double gaussianCentre(double[] smooth, int peak) {
        double[][] normal = new double[3][4];
        for (int hu = Math.max(LOWEST, peak - FIT_HU); hu <= Math.min(HIGHEST, peak + FIT_HU); hu++) {
            double c = smooth[hu - LOWEST];
            if (c <= 0) {
                continue;
            }
            double t = hu - peak;
            double[] row = {1, t, t * t, Math.log(c)};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    normal[i][j] += c * row[i] * row[j];
                }
            }
        }
        double[] abc = solve3(normal);
        if (abc == null || !(abc[2] < 0)) {
            return Double.NaN;
        }
        double offset = -abc[1] / (2 * abc[2]);
        return Math.abs(offset) <= FIT_HU ? peak + offset : Double.NaN;
    }

    /** The 3×3 system held as [A | b], solved (EJML); null when singular or ill-conditioned. */
    private static double[] solve3(double[][] m) {
        DMatrixRMaj a = new DMatrixRMaj(3, 3);
        DMatrixRMaj b = new DMatrixRMaj(3, 1);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                a.set(i, j, m[i][j]);
            }
            b.set(i, 0, m[i][3]);
        }
        if (!(NormOps_DDRM.conditionP2(a) < 1e12)) {
            return null;
        }
        DMatrixRMaj x = new DMatrixRMaj(3, 1);
        return CommonOps_DDRM.solve(a, b, x) ? new double[] {x.get(0), x.get(1), x.get(2)} : null;
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
