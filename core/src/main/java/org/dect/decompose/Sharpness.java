package org.dect.decompose;


import org.apache.commons.math3.distribution.NormalDistribution;
import org.dect.volume.HuVolume;

/**
 * How much the scanner blurs, as this scan shows it: the Gaussian width σ that, with the voxels' own
 * averaging, turns a sharp edge into the edge the scan has. In-plane it is measured on the skin, where
 * air meets tissue a thousand HU brighter along hundreds of rows. Each row that crosses the skin
 * squarely (the crossing moves at most one voxel over {@value #SQUARE_ROWS} rows, so that the slant
 * does not widen the edge) gives the share u of the step each voxel reached, from {@value #INSIDE}
 * voxel inside to {@value #OUTSIDE} outside; u = Φ((x − x₀)/σ) with an x₀ of the row's own and a σ all
 * rows share, fitted by least squares over a grid of both. One row samples an edge of a voxel or two at
 * two or three points; a thousand rows, each cut at its own phase, sample it finely. The fat a
 * millimetre or two under the skin lies beyond the voxels fitted. Along z, where no such edge lies
 * across the slices, the blur is taken from the slice thickness (the nominal width of the slice
 * profile) and the spacing.
 *
 * @param inPlaneSigmaMm σ in-plane, mm; NaN when the scan shows too few edges of skin on air
 * @param sliceSigmaMm   σ along z, mm
 * @param edges          rows the in-plane σ was measured on
 */
public record Sharpness(double inPlaneSigmaMm, double sliceSigmaMm, int edges) {

    static final int INSIDE = 0;
    static final int OUTSIDE = 5;
    static final int SQUARE_ROWS = 4;
    static final int MAX_SLICES = 24;
    /** Edges fitted at most, spread over the slices: a few hundred pin σ to a percent. */
    static final int MAX_EDGES_PER_SLICE = 32;
    static final int MIN_EDGES = 20;
    public static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));
    /** Air below this, tissue above the midpoint: where the skin's edge is looked for. */
    static final int AIR_HU = -900;
    /** The grid of σ, pixels: 0.15 to 2.5 in steps of 0.025. */
    private static final double SIGMA_FROM = 0.15;
    private static final double SIGMA_STEP = 0.025;
    private static final int SIGMAS = 95;
    /** The grid of x₀ within a voxel either side of the first voxel at least half tissue, pixels. */
    private static final double OFFSET_STEP = 0.02;
    private static final int OFFSETS = 101;
    private static final int POINTS = INSIDE + OUTSIDE + 1;

    /** Full width at half maximum in-plane, mm (NaN when not measured). */
    public double inPlaneFwhmMm() {
        return inPlaneSigmaMm * FWHM_PER_SIGMA;
    }

    /**
     * @param air  [low, high] HU of the scan's air
     * @param soft [low, high] HU of its soft tissue (the skin's level)
     */
    public static Sharpness estimate(HuVolume low, double[] air, double[] soft) {
        double spacing = low.geometry().sliceSpacing();
        double thickness = low.geometry().sliceThickness();
        double profile = Double.isFinite(thickness) && thickness > 0 ? thickness / FWHM_PER_SIGMA : 0;
        double slice = Math.sqrt(profile * profile + spacing * spacing / 12);
        if (Double.isNaN(air[0]) || Double.isNaN(soft[0]) || soft[0] - air[0] < 500) {
            return new Sharpness(Double.NaN, slice, 0);
        }
        double[][][] model = model();
        double[] cost = new double[SIGMAS];
        int edges = 0;
        int slices = low.geometry().slices();
        int step = Math.max(1, slices / MAX_SLICES);
        for (int z = 0; z < slices; z += step) {
            edges += edges(low.slices()[z], low.geometry().columns(), low.geometry().rows(), air[0], soft[0], model, cost);
        }
        if (edges < MIN_EDGES) {
            return new Sharpness(Double.NaN, slice, edges);
        }
        int best = 0;
        for (int i = 1; i < SIGMAS; i++) {
            best = cost[i] < cost[best] ? i : best;
        }
        double sigma = SIGMA_FROM + SIGMA_STEP * best;
        if (best > 0 && best < SIGMAS - 1) { // the parabola through the three lowest costs
            double den = cost[best - 1] - 2 * cost[best] + cost[best + 1];
            sigma += den > 0 ? SIGMA_STEP * 0.5 * (cost[best - 1] - cost[best + 1]) / den : 0;
        }
        double px = (low.geometry().columnSpacing() + low.geometry().rowSpacing()) / 2;
        return new Sharpness(sigma * px, slice, edges);
    }

    /** Φ((position − x₀)/σ) for every σ, x₀ and fitted voxel (position = INSIDE − index, inside positive). */
    private static double[][][] model() {
        NormalDistribution normal = new NormalDistribution(null, 0, 1);
        double[][][] m = new double[SIGMAS][OFFSETS][POINTS];
        for (int s = 0; s < SIGMAS; s++) {
            double sigma = SIGMA_FROM + SIGMA_STEP * s;
            for (int o = 0; o < OFFSETS; o++) {
                double x0 = -1 + OFFSET_STEP * o;
                for (int k = 0; k < POINTS; k++) {
                    m[s][o][k] = normal.cumulativeProbability((INSIDE - k - x0) / sigma);
                }
            }
        }
        return m;
    }

    /** Adds the cost of every σ over every square edge of skin on air in the slice; returns the edges. */
    private static int edges(short[] v, int columns, int rows, double air, double soft, double[][][] model, double[] cost) {
        double mid = (air + soft) / 2;
        int[] left = new int[rows];
        int[] right = new int[rows];
        for (int y = 0; y < rows; y++) {
            left[y] = -1;
            right[y] = -1;
            for (int x = 1; x < columns; x++) {
                if (v[y * columns + x] >= mid) {
                    left[y] = x;
                    break;
                }
            }
            for (int x = columns - 2; x >= 0; x--) {
                if (v[y * columns + x] >= mid) {
                    right[y] = x;
                    break;
                }
            }
        }
        int n = 0;
        double[] u = new double[POINTS];
        int stride = Math.max(1, rows / MAX_EDGES_PER_SLICE);
        for (int y = SQUARE_ROWS / 2; y < rows - SQUARE_ROWS / 2; y += stride) {
            for (int side = -1; side <= 1; side += 2) {
                int[] at = side < 0 ? left : right;
                int a = at[y - SQUARE_ROWS / 2];
                int b = at[y + SQUARE_ROWS / 2];
                if (at[y] < 0 || a < 0 || b < 0 || Math.abs(a - b) > 1 || !profile(v, columns, y, at[y], side, air, soft, u)) {
                    continue;
                }
                for (int s = 0; s < SIGMAS; s++) {
                    double least = Double.POSITIVE_INFINITY;
                    for (double[] m : model[s]) {
                        double c = 0;
                        for (int k = 0; k < POINTS; k++) {
                            c += (u[k] - m[k]) * (u[k] - m[k]);
                        }
                        least = Math.min(least, c);
                    }
                    cost[s] += least;
                }
                n++;
            }
        }
        return n;
    }

    /**
     * The share of the step from air to soft tissue of the voxels from INSIDE inside the edge's first
     * voxel at least half tissue (x0) to OUTSIDE outside it, air lying in direction {@code outward};
     * false when the row leaves the image or what lies beyond is not air (a gap between fingers, a pad).
     */
    private static boolean profile(short[] v, int columns, int y, int x0, int outward, double air, double soft, double[] u) {
        for (int k = 0; k < POINTS; k++) {
            int x = x0 + outward * (k - INSIDE);
            if (x < 0 || x >= columns || (k - INSIDE >= 3 && v[y * columns + x] > AIR_HU)) {
                return false;
            }
            u[k] = (v[y * columns + x] - air) / (soft - air);
        }
        return true;
    }
}
