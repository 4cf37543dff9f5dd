package org.dect.lesion;

import org.dect.decompose.Labels;
import org.dect.decompose.NoiseModel;
import org.dect.decompose.Preset;
import org.dect.decompose.Sharpness;
import org.dect.volume.VolumeGeometry;
import org.dect.volume.VoxelSet;

/**
 * What a deposit's voxels say once the scan's noise is accounted for: whether the deposit is there at
 * all, whether it could be the other material, and how large it is.
 *
 * <p><b>Detection.</b> The statistic is the matched filter of the deposit's material, summed over its
 * test region ({@link DepositRegion}): T = Σ wᵀ(x − s), w = Σ⁻¹m, with m the HU one unit of the material
 * adds at each energy, s the soft tissue and Σ the voxel noise covariance; z = T / SD(T), SD from the
 * {@link NoiseModel} with every correlation between the region's voxels. Summing over the region, not
 * over the labelled voxels alone, matters: the labelled voxels of a noise cluster are where the noise
 * happened to rise, and the shell around them, where it did not, takes most of that back.
 *
 * <p><b>Material.</b> A deposit is urate when its summed excess is not calcium: it lies off the calcium
 * line (the HU that hydroxyapatite adds at the two energies, through soft tissue), on urate's side, by
 * z = n·E / SD(n·E) standard deviations, n the normal of the calcium line; and calcium when it lies off
 * the urate line likewise. Testing against the other material's line, not against the boundary halfway
 * between the lines, is what a reader asks ("could this be calcium?"), and has twice the power for a
 * deposit on its own line. A deposit that is within the threshold of the other material's line is
 * indeterminate: the noise cannot tell. The SD includes how well the line is known ({@link #LINE_ANGLE_SD}),
 * which bounds the z of a large deposit by its angle from the line.
 *
 * <p><b>Volume.</b> Each voxel of the region counts by its share of the core's signal over its own
 * background b (soft tissue, fat or between: {@link DepositRegion}): V = v·Σ wᵀ(x_i − b_i) / wᵀ(x̄_core − b_i),
 * with w = Σ⁻¹(x̄_core − s), which weighs the energies as the deposit's own contrast and the noise say.
 * A voxel half deposit, half soft tissue counts a half, one a scanner's blur took a tenth into counts a
 * tenth, and tissue counts nothing on average. Its SD combines the noise of the sum and of the core's
 * mean (the two are positively correlated, which only makes the SD smaller than this) with a
 * {@link #SYSTEMATIC} share for what noise does not explain: the model's own error, which shows
 * without noise (the tophi of a noise-free wrist under a 1.1 mm blur come out 3 % small to 4 % large,
 * by their shape, size and surroundings).
 *
 * @param detectionZ     z of the matched filter over the test region
 * @param materialZ          z of its sum off the other material's line, towards this material's side
 *                       (negative: beyond the other material's line)
 * @param volumeMl       partial-volume-corrected volume
 * @param volumeSdMl     its standard deviation from noise
 * @param region         the voxels the volume was summed over (null for the tests alone)
 * @param shares         each one's share of deposit, in the region's order
 */
public record DepositStatistics(double detectionZ, double materialZ, double volumeMl, double volumeSdMl, VoxelSet region,
                                double[] shares) {

    /**
     * SD of the other material's line's direction, radians, for the material test. The calcium line is
     * placed from the scan's cortical bone, whose ratio to HA's holds within 1 % over physics.md's
     * table, but the preset's HA ratio is itself a model, a few per cent off on a real scanner: 3 % of
     * a ratio of 1.4–1.9 tilts the line by 0.010–0.014 rad. Without it, a large deposit's summed
     * excess, with its tiny noise, is "beyond doubt" off its own line by a tilt of a degree: a
     * calcified vessel 1 mL strong read as lying 2.4 SD on urate's side of the calcium line.
     */
    public static final double LINE_ANGLE_SD = 0.015;

    /** SD of the volume beyond the noise, as a share of it: a type B uncertainty from the phantoms' validation. */
    public static final double SYSTEMATIC = 0.03;

    /**
     * @param sharpness the scan's blur, for the core of a small deposit ({@link BlurredCore}); null when unknown
     * @param g         the scan's grid
     */
    public static DepositStatistics of(DepositRegion r, byte material, Preset preset, NoiseModel noise, Sharpness sharpness,
                                       VolumeGeometry g) {
        double voxelMl = g.voxelVolumeMm3() / 1000;
        VoxelSet region = r.region();
        int n = region.size();
        double[] soft = r.softTissue();
        DepositStatistics tests = tests(NoiseModel.PairSums.of(r.testRegion(), r.testWeight()), r.testExcess(), material, preset, noise);

        double[] core = r.coreMean();
        double[] w = solve(noise.voxelCovariance(), new double[] {core[0] - soft[0], core[1] - soft[1]});
        double eCore = w[0] * (core[0] - soft[0]) + w[1] * (core[1] - soft[1]);
        if (!(eCore > 0)) { // a core no denser than soft tissue: nothing to scale by
            return new DepositStatistics(tests.detectionZ, tests.materialZ, 0, Double.NaN, null, null);
        }
        // Each voxel's share: w·(x − b) over w·(core − b), b its own background.
        double[] weight = new double[n];
        double[] share = new double[n];
        double shares = 0;
        for (int i = 0; i < n; i++) {
            double[] b = r.background(i);
            weight[i] = 1 / (w[0] * (core[0] - b[0]) + w[1] * (core[1] - b[1]));
            share[i] = weight[i] * (w[0] * (r.low()[i] - b[0]) + w[1] * (r.high()[i] - b[1]));
            shares += share[i];
        }
        double sumVariance = noise.variance(region, weight, w[0], w[1]);
        int m = r.core().size();
        double coreVariance = noise.variance(r.core(), w[0], w[1]) / ((double) m * m);
        // The core reads below the deposit's value where the blur reaches into it: the volume shrinks by as much.
        double[] centre = r.centre();
        double ml = shares * voxelMl;
        for (int round = 0; round < 3; round++) {
            ml = shares * voxelMl * BlurredCore.factor(r.core(), r.component(), centre, ml * 1000, g, sharpness);
        }
        double relative = sumVariance / (shares * shares) + coreVariance / (eCore * eCore) + SYSTEMATIC * SYSTEMATIC;
        return new DepositStatistics(tests.detectionZ, tests.materialZ, ml, Math.abs(ml) * Math.sqrt(relative), region, share);
    }

    /**
     * The detection and material tests alone, for a region whose weighted summed excess over soft tissue
     * is [low, high] HU·voxels: a measured deposit's, or the expected one of a deposit that might be there.
     *
     * @param region the region's pair sums with its weights
     */
    static DepositStatistics tests(NoiseModel.PairSums region, double[] excess, byte material, Preset preset, NoiseModel noise) {
        double[] unit = material == Labels.URATE ? preset.urateHuPerPercent() : preset.haHuPerMgCm3();
        double[] w = solve(noise.voxelCovariance(), unit);
        double t = w[0] * excess[0] + w[1] * excess[1];
        double detection = t / Math.sqrt(noise.variance(region, w[0], w[1]));
        // The normal of the other material's line, pointing to this material's side of it.
        double[] other = material == Labels.URATE ? preset.haHuPerMgCm3() : preset.urateHuPerPercent();
        double nl = other[1];
        double nh = -other[0];
        if (nl * unit[0] + nh * unit[1] < 0) {
            nl = -nl;
            nh = -nh;
        }
        // The line itself is known to LINE_ANGLE_SD: a tilt moves n·E by |n|·|E| times it.
        double lineSd = LINE_ANGLE_SD * Math.hypot(nl, nh) * Math.hypot(excess[0], excess[1]);
        double side = (nl * excess[0] + nh * excess[1]) / Math.sqrt(noise.variance(region, nl, nh) + lineSd * lineSd);
        return new DepositStatistics(detection, side, Double.NaN, Double.NaN, null, null);
    }

    /** Σ⁻¹·v for the 2×2 covariance. */
    static double[] solve(double[][] c, double[] v) {
        double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
        return new double[] {(c[1][1] * v[0] - c[0][1] * v[1]) / det, (c[0][0] * v[1] - c[1][0] * v[0]) / det};
    }
}
