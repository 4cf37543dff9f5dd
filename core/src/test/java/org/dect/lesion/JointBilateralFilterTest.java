package org.dect.lesion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;
import org.junit.jupiter.api.Test;

class JointBilateralFilterTest {

    private static final double SIGMA_R = 20;

    /**
     * Against the definition, in floating point, voxel by voxel: the weighted mean of the 5×5×3
     * neighbours that exist, w = exp(−d²/2σ_s²)·exp(−ΔM²/2σ_r²), with ΔM taken in whole HU and no weight
     * beyond 3σ_r (as documented); within 1 HU, the filter's weights being fixed point. Candidates at
     * the image edges and at the ends of the volume are included, dense ones and non-candidates must
     * keep their values, and both energies get the same weights.
     */
    @Test
    void matchesTheWeightedMeanOfTheDefinition() {
        int columns = 11;
        int rows = 9;
        int slices = 4;
        SplittableRandom r = new SplittableRandom(8);
        short[][] low = new short[slices][columns * rows];
        short[][] high = new short[slices][columns * rows];
        for (int z = 0; z < slices; z++) {
            for (int i = 0; i < columns * rows; i++) {
                // Tissue, deposits and bone side by side: some neighbours within the range weight, some beyond.
                int base = new int[] {0, 150, 400, 2200}[r.nextInt(4)];
                low[z][i] = (short) (base + r.nextInt(-30, 31));
                high[z][i] = (short) (base * 7 / 10 + r.nextInt(-30, 31));
            }
        }
        double[][] positions = new double[slices][];
        for (int z = 0; z < slices; z++) {
            positions[z] = new double[] {0, 0, z};
        }
        VolumeGeometry g = new VolumeGeometry(columns, rows, 1, 1, new double[] {1, 0, 0}, new double[] {0, 1, 0}, positions, 1, 1);
        HuVolume lowVolume = new HuVolume(g, low);
        HuVolume highVolume = new HuVolume(g, high);
        JointBilateralFilter filter = new JointBilateralFilter(SIGMA_R);
        int changed = 0;
        for (int z = 0; z < slices; z++) {
            byte[] candidates = new byte[columns * rows];
            for (int i = 0; i < candidates.length; i++) {
                candidates[i] = (byte) (r.nextInt(4) == 0 ? 0 : 1);
            }
            short[] outLow = new short[columns * rows];
            short[] outHigh = new short[columns * rows];
            filter.slice(lowVolume, highVolume, candidates, z, outLow, outHigh);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    int i = y * columns + x;
                    boolean filtered = candidates[i] != 0 && low[z][i] + high[z][i] < 2 * JointBilateralFilter.DENSE_MIXED_HU;
                    double[] expected = filtered ? definition(low, high, columns, rows, x, y, z) : new double[] {low[z][i], high[z][i]};
                    String where = "x " + x + ", y " + y + ", z " + z;
                    assertEquals(expected[0], outLow[i], 1.0, "low at " + where);
                    assertEquals(expected[1], outHigh[i], 1.0, "high at " + where);
                    changed += outLow[i] != low[z][i] ? 1 : 0;
                }
            }
        }
        assertTrue(changed > columns * rows, "the filter changed voxels: " + changed);
    }

    private static double[] definition(short[][] low, short[][] high, int columns, int rows, int x, int y, int z) {
        double m0 = (low[z][y * columns + x] + high[z][y * columns + x]) / 2.0;
        double sw = 0;
        double sl = 0;
        double sh = 0;
        for (int zz = Math.max(0, z - 1); zz <= Math.min(low.length - 1, z + 1); zz++) {
            for (int yy = Math.max(0, y - 2); yy <= Math.min(rows - 1, y + 2); yy++) {
                for (int xx = Math.max(0, x - 2); xx <= Math.min(columns - 1, x + 2); xx++) {
                    int j = yy * columns + xx;
                    double d2 = (xx - x) * (xx - x) + (yy - y) * (yy - y) + (zz - z) * (zz - z);
                    double dm = Math.floor(Math.abs((low[zz][j] + high[zz][j]) / 2.0 - m0));
                    double range = dm <= Math.ceil(3 * SIGMA_R) ? Math.exp(-dm * dm / (2 * SIGMA_R * SIGMA_R)) : 0;
                    double w = Math.exp(-d2 / (2 * JointBilateralFilter.SPATIAL_SIGMA * JointBilateralFilter.SPATIAL_SIGMA)) * range;
                    sw += w;
                    sl += w * low[zz][j];
                    sh += w * high[zz][j];
                }
            }
        }
        return new double[] {sl / sw, sh / sw};
    }
}
