package org.dect.decompose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dect.testing.NoisyScans;
import org.dect.volume.HuVolume;
import org.dect.volume.VoxelSet;
import org.junit.jupiter.api.Test;

/**
 * The noise model against noise made with known statistics ({@link NoisyScans}), with a set correlation
 * between the energies, over soft tissue that holds blocks of fat and of bone the model must not take
 * for noise.
 */
class NoiseModelTest {

    private static final int N = 128;
    private static final int SLICES = 12;
    private static final double[] SOFT = {-15, -9};

    private static HuVolume[] volumes(double sigmaLow, double sigmaHigh, double rho, long seed, boolean structures) {
        return NoisyScans.of(N, SLICES, sigmaLow, sigmaHigh, rho, seed, structures ? NoiseModelTest::tissue : (x, y) -> SOFT);
    }

    /** Soft tissue with a band of fat and a block of cortical bone through every slice. */
    private static double[] tissue(int x, int y) {
        if (y >= 20 && y < 34) {
            return new double[] {-126, -88};
        }
        if (x >= 70 && x < 90 && y >= 60 && y < 80) {
            return new double[] {2025, 1040};
        }
        return SOFT;
    }

    @Test
    void measuresTheNoiseItsCorrelationAndSpreadThroughStructure() {
        for (double[] c : new double[][] {{20, 12, 0}, {30, 18, 0}, {10, 6, -0.5}}) {
            HuVolume[] v = volumes(c[0], c[1], c[2], 7, true);
            NoiseModel m = NoiseModel.estimate(v[0], v[1], SOFT);
            String what = "σ " + c[0] + "/" + c[1] + ", ρ " + c[2];
            assertEquals(c[0], m.sigmaLow(), 0.04 * c[0], what + ": low-kVp SD");
            assertEquals(c[1], m.sigmaHigh(), 0.04 * c[1], what + ": high-kVp SD (1 HU rounding adds little)");
            assertEquals(c[2], m.energyCorrelation(), 0.05, what + ": correlation between the energies");
            // Σ of the correlation over lags: the kernel's autocorrelation is 6/16, 4/16, 1/16 at lags 0, 1, 2,
            // so per axis 1 + 2·4/6 + 2·1/6 = 8/3, and (8/3)² in-plane; the slices are independent.
            assertEquals(64.0 / 9, m.correlatedVoxels(), 0.1 * 64 / 9, what + ": voxels the noise is spread over");
        }
    }

    /** The variance the model predicts for a sum over a box must be the variance such sums have. */
    @Test
    void predictsTheVarianceOfSumsOverRegions() {
        HuVolume[] v = volumes(20, 12, 0.3, 11, false);
        NoiseModel m = NoiseModel.estimate(v[0], v[1], SOFT);
        VoxelSet.Builder b = new VoxelSet.Builder();
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    b.add(x, y, z);
                }
            }
        }
        VoxelSet box = b.build();
        double a = 0.7;
        double c = -0.4;
        double predicted = m.variance(box, a, c);
        // Sums over disjoint boxes of fresh noise, 20 volumes' worth.
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (long seed = 100; seed < 120; seed++) {
            HuVolume[] w = volumes(20, 12, 0.3, seed, false);
            for (int z = 0; z + 2 <= SLICES; z += 2) {
                for (int y0 = 0; y0 + 4 <= N; y0 += 8) {
                    for (int x0 = 0; x0 + 4 <= N; x0 += 8) {
                        double s = 0;
                        for (int i = 0; i < box.size(); i++) {
                            int at = (y0 + box.y(i)) * N + x0 + box.x(i);
                            s += a * w[0].slices()[z + box.z(i)][at] + c * w[1].slices()[z + box.z(i)][at];
                        }
                        sum += s;
                        sumSq += s * s;
                        n++;
                    }
                }
            }
        }
        double variance = (sumSq - sum * sum / n) / (n - 1);
        assertEquals(variance, predicted, 0.08 * variance, "variance of a 4×4×2 sum, " + n + " samples");
        assertTrue(predicted > box.size() * m.variance(single(), a, c) * 2, "correlation makes a sum noisier than independent voxels would");
    }

    private static VoxelSet single() {
        return new VoxelSet.Builder().add(0, 0, 0).build();
    }

    @Test
    void withoutSoftTissueThereIsNoModel() {
        HuVolume[] v = volumes(20, 12, 0, 3, false);
        assertNull(NoiseModel.estimate(v[0], v[1], new double[] {Double.NaN, Double.NaN}));
        assertNull(NoiseModel.estimate(v[0], v[1], new double[] {500, 300}), "no patch reads like soft tissue said to be at 500 HU");
    }
}
