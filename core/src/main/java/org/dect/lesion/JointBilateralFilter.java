package org.dect.lesion;

import org.dect.volume.HuVolume;

/**
 * Edge-preserving 3-D noise reduction of both energies at once (a joint, or cross, bilateral filter;
 * Tomasi and Manduchi 1998, Petschnigg et al. 2004): each voxel becomes the weighted mean of its
 * 5×5×3 neighbourhood, with weights w = exp(−d²/2σ_s²)·exp(−(M_n − M_0)²/2σ_r²), d in voxels and M the
 * mixed image (HU_L + HU_H)/2, which has less noise than either energy. The same weights apply to the
 * low and the high image, so the filter never changes a voxel's dual-energy ratio on its own: it
 * averages only voxels of similar mixed HU and stops at edges between materials.
 *
 * <p>Only the voxels of the {@link CandidateMask} are filtered; soft tissue, fat and air (about nine
 * voxels in ten of an extremity) keep their values, since they are labelled nothing anyway. That is
 * what makes the filter affordable on 512×512×300.
 */
public final class JointBilateralFilter {

    /** Standard deviation of the spatial weight, voxels. */
    public static final double SPATIAL_SIGMA = 1.0;
    private static final int RADIUS_XY = 2;
    private static final int RADIUS_Z = 1;

    private final float[] rangeWeights;
    private final float[] spatial;

    /** @param rangeSigmaHu range standard deviation σ_r of the mixed image, HU */
    public JointBilateralFilter(double rangeSigmaHu) {
        this.rangeWeights = rangeTable(rangeSigmaHu);
        this.spatial = spatialTable();
    }

    /**
     * Writes the filtered slice z of both volumes into {@code outLow} and {@code outHigh} (reused by the
     * caller from slice to slice): a slice at a time, so that a caller can classify it and let it go,
     * never holding a second copy of the volumes. Reads slices z−1..z+1.
     */
    public void slice(HuVolume low, HuVolume high, boolean[] candidates, int z, short[] outLow, short[] outHigh) {
        System.arraycopy(low.slices()[z], 0, outLow, 0, outLow.length);
        System.arraycopy(high.slices()[z], 0, outHigh, 0, outHigh.length);
        filterSlice(low.slices(), high.slices(), z, low.geometry().columns(), low.geometry().rows(), rangeWeights, spatial,
                candidates, outLow, outHigh);
    }

    /** The mixed image is computed on the fly, 2·M = HU_L + HU_H, rather than stored: one pass over the volume less. */
    private static void filterSlice(short[][] low, short[][] high, int z, int columns, int rows,
                                    float[] rangeWeights, float[] spatial, boolean[] candidate, short[] outLow, short[] outHigh) {
        int slices = low.length;
        int lastDiff = rangeWeights.length - 1; // its weight is zero: every larger difference reads it
        int z0 = Math.max(0, z - RADIUS_Z);
        int z1 = Math.min(slices - 1, z + RADIUS_Z);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int i = y * columns + x;
                if (!candidate[i]) {
                    continue;
                }
                int m0 = low[z][i] + high[z][i];
                int x0 = Math.max(0, x - RADIUS_XY);
                int x1 = Math.min(columns - 1, x + RADIUS_XY);
                int y0 = Math.max(0, y - RADIUS_XY);
                int y1 = Math.min(rows - 1, y + RADIUS_XY);
                float sw = 0;
                float sl = 0;
                float sh = 0;
                for (int zz = z0; zz <= z1; zz++) {
                    short[] l = low[zz];
                    short[] h = high[zz];
                    int sz = (zz - z + RADIUS_Z) * SIDE * SIDE;
                    for (int yy = y0; yy <= y1; yy++) {
                        int row = yy * columns;
                        int sy = sz + (yy - y + RADIUS_XY) * SIDE - x + RADIUS_XY;
                        for (int xx = x0; xx <= x1; xx++) {
                            int j = row + xx;
                            int diff = Math.min(lastDiff, Math.abs(l[j] + h[j] - m0) >> 1);
                            float w = spatial[sy + xx] * rangeWeights[diff];
                            sw += w;
                            sl += w * l[j];
                            sh += w * h[j];
                        }
                    }
                }
                outLow[i] = (short) Math.round(sl / sw);
                outHigh[i] = (short) Math.round(sh / sw);
            }
        }
    }

    private static final int SIDE = 2 * RADIUS_XY + 1;

    /**
     * exp(−Δ²/2σ_r²) for Δ = 0 .. 3σ_r, then one zero: beyond 3σ_r the weight is taken as zero, and the
     * inner loop clamps Δ to the last entry instead of branching on it.
     */
    private static float[] rangeTable(double sigma) {
        float[] t = new float[(int) Math.ceil(3 * sigma) + 2];
        for (int d = 0; d < t.length - 1; d++) {
            t[d] = (float) Math.exp(-d * d / (2 * sigma * sigma));
        }
        return t;
    }

    private static float[] spatialTable() {
        float[] t = new float[(2 * RADIUS_Z + 1) * (2 * RADIUS_XY + 1) * (2 * RADIUS_XY + 1)];
        int s = 0;
        for (int dz = -RADIUS_Z; dz <= RADIUS_Z; dz++) {
            for (int dy = -RADIUS_XY; dy <= RADIUS_XY; dy++) {
                for (int dx = -RADIUS_XY; dx <= RADIUS_XY; dx++) {
                    t[s++] = (float) Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * SPATIAL_SIGMA * SPATIAL_SIGMA));
                }
            }
        }
        return t;
    }
}
