package org.dect.decompose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dect.volume.HuVolume;
import org.dect.volume.VoxelSet;

/**
 * The scan's own noise, measured where nothing but noise varies: patches of homogeneous soft tissue.
 * Reconstructed CT noise is correlated between neighbouring voxels (filtered back-projection, the
 * kernel, overlapping slices) and, on some scanners, between the energies, so the model is three
 * covariance functions, low–low, high–high and low–high, over lags of up to {@value #LAG_XY} voxels
 * in-plane and {@value #LAG_Z} slice; beyond that the correlation is taken as gone. With it, the
 * variance of any linear form summed over any set of voxels is exact to the model
 * ({@link #variance}): what the deposit test and the volumes' intervals need, for deposits of any
 * shape, however few voxels wide.
 *
 * <p>The patches are {@value #PATCH}×{@value #PATCH} voxels by two slices, on a grid over up to
 * {@value #MAX_SLICE_PAIRS} pairs of slices spread through the scan. A patch is soft tissue when its
 * means lie within {@value #TISSUE_WINDOW_HU} HU of the scan's soft tissue at both energies, and
 * homogeneous when its variances are at most {@value #MAX_VARIANCE_RATIO} times the median of all such
 * patches and no voxel lies more than {@value #MAX_DEVIATION} median SDs from the patch's mean, at
 * either energy: an edge of fat, bone or a deposit inflates a patch's variance or puts a voxel a hundred
 * HU off, while noise alone rarely does either (one patch in twenty, one in a thousand). An edge that
 * slipped through would show at both energies at once and pass for noise correlated between them.
 * The covariances are summed over up to {@value #MAX_PATCHES} of the homogeneous patches.
 * Deviations are taken from each patch's own mean, which spares the estimate the slow
 * variation of soft tissue through the limb; the bias that causes, the variance of the patch mean, is
 * solved for and added back.
 */
public final class NoiseModel {

    public static final int LAG_XY = 3;
    public static final int LAG_Z = 1;
    static final int PATCH = 9;
    static final int PATCH_SLICES = 2;
    static final int MAX_SLICE_PAIRS = 48;
    static final double TISSUE_WINDOW_HU = 60;
    static final double MAX_VARIANCE_RATIO = 1.5;
    static final double MAX_DEVIATION = 4.5;
    /** Fewer homogeneous patches than this, and the noise is not measured. */
    static final int MIN_PATCHES = 20;
    /**
     * The covariances are summed over at most this many homogeneous patches, spread evenly through the
     * scan. A wrist phantom has about 10,000; summing over all of them was the largest fixed cost of a
     * run (0.3 s of CPU), and 3000 of them (half a million voxels) moved the SDs by at most 0.2 % and the
     * correlated voxel count by 2.5 % (docs/performance.md).
     */
    static final int MAX_PATCHES = 3000;

    private static final int SIDE = 2 * LAG_XY + 1;
    private static final int LAGS = (2 * LAG_Z + 1) * SIDE * SIDE;
    private static final int ZERO = lag(0, 0, 0);

    private final double[] lowLow;
    private final double[] highHigh;
    private final double[] lowHigh;
    private final int patches;

    NoiseModel(double[] lowLow, double[] highHigh, double[] lowHigh, int patches) {
        this.lowLow = lowLow;
        this.highHigh = highHigh;
        this.lowHigh = lowHigh;
        this.patches = patches;
    }

    /** Index of lag (dx, dy, dz) in the covariance arrays. */
    static int lag(int dx, int dy, int dz) {
        return ((dz + LAG_Z) * SIDE + dy + LAG_XY) * SIDE + dx + LAG_XY;
    }

    public double sigmaLow() {
        return Math.sqrt(lowLow[ZERO]);
    }

    public double sigmaHigh() {
        return Math.sqrt(highHigh[ZERO]);
    }

    /** Correlation of the low- and high-kVp noise in the same voxel: 0 with two tubes and two detectors, negative on one detector. */
    public double energyCorrelation() {
        return lowHigh[ZERO] / Math.sqrt(lowLow[ZERO] * highHigh[ZERO]);
    }

    /**
     * How many voxels' worth of noise one voxel's noise is spread over: the sum of the low-kVp
     * correlation over all lags. The variance of a mean over a region much larger than the correlation
     * is σ² times this over the region's voxel count.
     */
    public double correlatedVoxels() {
        double sum = 0;
        for (double c : lowLow) {
            sum += c;
        }
        return sum / lowLow[ZERO];
    }

    /** The patches the model was measured on. */
    public int patches() {
        return patches;
    }

    /** [[Var L, Cov LH], [Cov LH, Var H]] of one voxel. */
    public double[][] voxelCovariance() {
        return new double[][] {{lowLow[ZERO], lowHigh[ZERO]}, {lowHigh[ZERO], highHigh[ZERO]}};
    }

    /** Variance of Σ (a·HU_L + b·HU_H) over the voxels of the set, from noise alone. */
    public double variance(VoxelSet set, double a, double b) {
        return variance(PairSums.of(set, null), a, b);
    }

    /**
     * Variance of Σ weight_i·(a·HU_L + b·HU_H) over the voxels of the set (weights in the set's order;
     * null for all 1), from noise alone.
     */
    public double variance(VoxelSet set, double[] weight, double a, double b) {
        return variance(PairSums.of(set, weight), a, b);
    }

    /** Variance of Σ weight_i·(a·HU_L + b·HU_H) over the set the sums were taken of, from noise alone. */
    public double variance(PairSums pairs, double a, double b) {
        double sum = 0;
        for (int dz = -LAG_Z; dz <= LAG_Z; dz++) {
            for (int dy = -LAG_XY; dy <= LAG_XY; dy++) {
                for (int dx = -LAG_XY; dx <= LAG_XY; dx++) {
                    int d = lag(dx, dy, dz);
                    // Cov(aL_i + bH_i, aL_j + bH_j), j = i + d: the cross terms are Cov(L_i, H_j) and Cov(H_i, L_j) = C_LH(−d).
                    double k = a * a * lowLow[d] + b * b * highHigh[d] + a * b * (lowHigh[d] + lowHigh[lag(-dx, -dy, -dz)]);
                    sum += pairs.byLag[d] * k;
                }
            }
        }
        return sum;
    }

    /**
     * Σ w_i·w_j over the pairs of a set's voxels at each lag of the model's window, j = i + d: all a
     * variance over the set needs of it, whatever the linear form. A deposit's tests ask for several
     * forms over one region, so the sums are taken once. The sum at −d is the one at d (the same pairs,
     * the other way round), so half the window is summed; each voxel's weight is read from a dense copy
     * of the set's bounding box, padded by the window, at a fixed offset per lag.
     */
    public static final class PairSums {

        private final double[] byLag;

        private PairSums(double[] byLag) {
            this.byLag = byLag;
        }

        /** @param weight weights in the set's order; null for all 1 */
        public static PairSums of(VoxelSet set, double[] weight) {
            double[] byLag = new double[LAGS];
            int n = set.size();
            if (n == 0) {
                return new PairSums(byLag);
            }
            int x0 = set.minX();
            int y0 = set.minY();
            int z0 = set.minZ();
            int width = set.maxX() - x0 + 1 + 2 * LAG_XY;
            int height = set.maxY() - y0 + 1 + 2 * LAG_XY;
            int depth = set.maxZ() - z0 + 1 + 2 * LAG_Z;
            double[] dense = new double[width * height * depth];
            int[] at = new int[n];
            for (int i = 0; i < n; i++) {
                at[i] = ((set.z(i) - z0 + LAG_Z) * height + set.y(i) - y0 + LAG_XY) * width + set.x(i) - x0 + LAG_XY;
                dense[at[i]] = weight == null ? 1 : weight[i];
            }
            for (int dz = 0; dz <= LAG_Z; dz++) {
                for (int dy = dz == 0 ? 0 : -LAG_XY; dy <= LAG_XY; dy++) {
                    for (int dx = dz == 0 && dy == 0 ? 0 : -LAG_XY; dx <= LAG_XY; dx++) {
                        int offset = (dz * height + dy) * width + dx;
                        double s = 0;
                        for (int i = 0; i < n; i++) {
                            s += dense[at[i]] * dense[at[i] + offset];
                        }
                        byLag[lag(dx, dy, dz)] = s;
                        byLag[lag(-dx, -dy, -dz)] = s;
                    }
                }
            }
            return new PairSums(byLag);
        }
    }

    /**
     * Measures the noise of the scan in its soft tissue ([low, high] HU, {@link TissueReferences});
     * null when there is no soft tissue or too little of it is homogeneous.
     */
    public static NoiseModel estimate(HuVolume low, HuVolume high, double[] softTissue) {
        if (Double.isNaN(softTissue[0]) || Double.isNaN(softTissue[1]) || low.geometry().slices() < PATCH_SLICES) {
            return null;
        }
        List<int[]> candidates = new ArrayList<>(); // {x0, y0, z0}
        List<double[]> variances = new ArrayList<>();
        int columns = low.geometry().columns();
        int rows = low.geometry().rows();
        int pairs = low.geometry().slices() - 1;
        int step = Math.max(1, pairs / MAX_SLICE_PAIRS);
        long[] lowSums = new long[2];
        long[] highSums = new long[2];
        for (int z = 0; z + 1 < low.geometry().slices(); z += step) {
            for (int y = 0; y + PATCH <= rows; y += PATCH) {
                for (int x = 0; x + PATCH <= columns; x += PATCH) {
                    // Most patches are not soft tissue (air, bone, fat): the high energy is summed only where the low is.
                    if (!inWindow(sums(low, x, y, z, lowSums), softTissue[0])
                            || !inWindow(sums(high, x, y, z, highSums), softTissue[1])) {
                        continue;
                    }
                    candidates.add(new int[] {x, y, z});
                    variances.add(new double[] {variance(lowSums), variance(highSums)});
                }
            }
        }
        if (candidates.size() < MIN_PATCHES) {
            return null;
        }
        double medianLow = median(variances, 0);
        double medianHigh = median(variances, 1);
        List<int[]> homogeneous = new ArrayList<>();
        double[] dl = new double[PATCH * PATCH * PATCH_SLICES];
        double[] dh = new double[dl.length];
        for (int p = 0; p < candidates.size(); p++) {
            double[] v = variances.get(p);
            if (v[0] > MAX_VARIANCE_RATIO * medianLow || v[1] > MAX_VARIANCE_RATIO * medianHigh) {
                continue;
            }
            int[] c = candidates.get(p);
            extract(low, c[0], c[1], c[2], dl);
            extract(high, c[0], c[1], c[2], dh);
            subtractMean(dl);
            subtractMean(dh);
            if (maxAbs(dl) > MAX_DEVIATION * Math.sqrt(medianLow) || maxAbs(dh) > MAX_DEVIATION * Math.sqrt(medianHigh)) {
                continue;
            }
            homogeneous.add(c);
        }
        if (homogeneous.size() < MIN_PATCHES) {
            return null;
        }
        // The covariances from at most MAX_PATCHES of them, evenly through the scan's order (slice, row, column).
        double[] sumLL = new double[LAGS];
        double[] sumHH = new double[LAGS];
        double[] sumLH = new double[LAGS];
        int used = Math.min(homogeneous.size(), MAX_PATCHES);
        for (int k = 0; k < used; k++) {
            int[] c = homogeneous.get((int) ((long) k * homogeneous.size() / used));
            extract(low, c[0], c[1], c[2], dl);
            extract(high, c[0], c[1], c[2], dh);
            subtractMean(dl);
            subtractMean(dh);
            accumulate(dl, dh, sumLL, sumHH, sumLH);
        }
        return new NoiseModel(unbiased(sumLL, used), unbiased(sumHH, used), unbiased(sumLH, used), used);
    }

    /**
     * Σ HU and Σ HU² of the patch at (x0, y0) of slices z and z + 1, into sums; returns its mean. Whole
     * numbers, so both are exact, straight from the slices: this first look at every patch of the
     * sampled slices is most of the model's reading.
     */
    private static double sums(HuVolume v, int x0, int y0, int z, long[] sums) {
        int columns = v.geometry().columns();
        long sum = 0;
        long squares = 0;
        for (int s = 0; s < PATCH_SLICES; s++) {
            short[] slice = v.slices()[z + s];
            for (int y = y0; y < y0 + PATCH; y++) {
                for (int i = y * columns + x0, end = i + PATCH; i < end; i++) {
                    int hu = slice[i];
                    sum += hu;
                    squares += hu * hu;
                }
            }
        }
        sums[0] = sum;
        sums[1] = squares;
        return (double) sum / (PATCH * PATCH * PATCH_SLICES);
    }

    private static boolean inWindow(double mean, double tissue) {
        return Math.abs(mean - tissue) <= TISSUE_WINDOW_HU;
    }

    /** The sample variance from exact Σ x and Σ x²: (n Σx² − (Σx)²) / (n (n − 1)), the numerator a whole number. */
    private static double variance(long[] sums) {
        long n = PATCH * PATCH * PATCH_SLICES;
        return (double) (n * sums[1] - sums[0] * sums[0]) / (n * (n - 1));
    }

    /** The patch at (x0, y0) of slices z and z + 1 into out, slice-major, then rows. */
    private static void extract(HuVolume v, int x0, int y0, int z, double[] out) {
        int columns = v.geometry().columns();
        int i = 0;
        for (int s = 0; s < PATCH_SLICES; s++) {
            short[] slice = v.slices()[z + s];
            for (int y = y0; y < y0 + PATCH; y++) {
                for (int x = x0; x < x0 + PATCH; x++) {
                    out[i++] = slice[y * columns + x];
                }
            }
        }
    }

    /**
     * Sums over the patch of products of deviations at every lag of the window, both energies and across
     * them. Within one energy the sum at −d is the one at d (the same pairs the other way round), so
     * those are summed over half the window; across the energies they differ, and every lag is summed.
     */
    private static void accumulate(double[] dl, double[] dh, double[] sumLL, double[] sumHH, double[] sumLH) {
        for (int dz = -LAG_Z; dz <= LAG_Z; dz++) {
            for (int dy = -LAG_XY; dy <= LAG_XY; dy++) {
                for (int dx = -LAG_XY; dx <= LAG_XY; dx++) {
                    int d = lag(dx, dy, dz);
                    boolean half = d >= ZERO; // d and −d sit either side of the zero lag in the arrays
                    int offset = (dz * PATCH + dy) * PATCH + dx;
                    int x0 = Math.max(0, -dx);
                    int x1 = Math.min(PATCH, PATCH - dx);
                    double ll = 0;
                    double hh = 0;
                    double lh = 0;
                    for (int z = Math.max(0, -dz); z < Math.min(PATCH_SLICES, PATCH_SLICES - dz); z++) {
                        for (int y = Math.max(0, -dy); y < Math.min(PATCH, PATCH - dy); y++) {
                            int row = (z * PATCH + y) * PATCH;
                            // One pass over the row for all three sums where all three are wanted: the quick
                            // JIT neither fuses nor unrolls loops, and two passes took 1.4 times as long.
                            if (half) {
                                for (int i = row + x0, end = row + x1; i < end; i++) {
                                    double l = dl[i];
                                    double h = dh[i];
                                    lh += l * dh[i + offset];
                                    ll += l * dl[i + offset];
                                    hh += h * dh[i + offset];
                                }
                            } else {
                                for (int i = row + x0, end = row + x1; i < end; i++) {
                                    lh += dl[i] * dh[i + offset];
                                }
                            }
                        }
                    }
                    sumLH[d] += lh;
                    if (half) {
                        int mirror = lag(-dx, -dy, -dz);
                        sumLL[d] += ll;
                        sumHH[d] += hh;
                        if (mirror != d) {
                            sumLL[mirror] += ll;
                            sumHH[mirror] += hh;
                        }
                    }
                }
            }
        }
    }

    /** Pairs at lag (dx, dy, dz) within one patch. */
    private static int pairs(int dx, int dy, int dz) {
        return (PATCH - Math.abs(dx)) * (PATCH - Math.abs(dy)) * (PATCH_SLICES - Math.abs(dz));
    }

    /**
     * Covariances from the sums of products about each patch's mean. Those products are short, on
     * average, by the variance B of the patch mean, and B = (1/N²) Σ_d n(d)·C(d) over the window's lags
     * (n(d) pairs at lag d in a patch of N voxels, the correlation nil beyond the window). With C = Ĉ + B
     * that is B = Σ n·Ĉ / N² / (1 − Σ n / N²).
     */
    private static double[] unbiased(double[] sums, int patches) {
        double[] c = new double[LAGS];
        double weighted = 0;
        double pairsTotal = 0;
        int n = PATCH * PATCH * PATCH_SLICES;
        for (int dz = -LAG_Z; dz <= LAG_Z; dz++) {
            for (int dy = -LAG_XY; dy <= LAG_XY; dy++) {
                for (int dx = -LAG_XY; dx <= LAG_XY; dx++) {
                    int d = lag(dx, dy, dz);
                    int pairs = pairs(dx, dy, dz);
                    c[d] = sums[d] / ((double) pairs * patches);
                    weighted += pairs * c[d];
                    pairsTotal += pairs;
                }
            }
        }
        double nn = (double) n * n;
        double bias = weighted / nn / (1 - pairsTotal / nn);
        for (int d = 0; d < LAGS; d++) {
            c[d] += bias;
        }
        return c;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static void subtractMean(double[] v) {
        double m = mean(v);
        for (int i = 0; i < v.length; i++) {
            v[i] -= m;
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double median(List<double[]> values, int k) {
        double[] v = values.stream().mapToDouble(a -> a[k]).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
