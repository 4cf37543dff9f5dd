package org.dect.lesion;

import org.dect.Bytes;
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
 * voxels in ten of an extremity) keep their values, since they are labelled nothing anyway. So do
 * voxels denser than {@link #DENSE_MIXED_HU}, cortical bone above all (a third of the candidates of a
 * wrist): at that density the urate line lies far beyond any urate (60 % w/w reads 345 HU), so noise
 * cannot carry a voxel across the urate/calcium boundary and smoothing could not change its label.
 * That is what makes the filter affordable on 512×512×300.
 */
public final class JointBilateralFilter {

    /** Standard deviation of the spatial weight, voxels. */
    public static final double SPATIAL_SIGMA = 1.0;
    /** Mixed HU (HU_L + HU_H)/2 from which a candidate keeps its values; calcinosis of 400 mg/cm³ HA reads about 600. */
    public static final int DENSE_MIXED_HU = 1000;
    /** In-plane radius, voxels: {@link #interiorVoxel} writes out the five taps of each row. */
    private static final int RADIUS_XY = 2;
    private static final int RADIUS_Z = 1;
    private static final int SIDE = 2 * RADIUS_XY + 1;
    private static final int TAPS = (2 * RADIUS_Z + 1) * SIDE * SIDE;
    /** Fixed-point scale of the weights: a weight of 1 is 2^16. */
    private static final double ONE = 1 << 16;

    /** Entries per tap in {@link #weights}: range differences 0 .. 3σ_r, then one of weight zero. */
    private final int stride;
    /**
     * The product of the spatial and the range weight, by tap (dz, dy, dx in scan order) and half the
     * |difference| of L + H, in fixed point: one table read per neighbour instead of two and a product,
     * and sums in whole numbers, which come out the same whatever the order of addition.
     */
    private final int[] weights;

    /** @param rangeSigmaHu range standard deviation σ_r of the mixed image, HU */
    public JointBilateralFilter(double rangeSigmaHu) {
        this.stride = (int) Math.ceil(3 * rangeSigmaHu) + 2;
        this.weights = new int[TAPS * stride];
        int tap = 0;
        for (int dz = -RADIUS_Z; dz <= RADIUS_Z; dz++) {
            for (int dy = -RADIUS_XY; dy <= RADIUS_XY; dy++) {
                for (int dx = -RADIUS_XY; dx <= RADIUS_XY; dx++, tap++) {
                    double spatial = Math.exp(-(dx * dx + dy * dy + dz * dz) / (2 * SPATIAL_SIGMA * SPATIAL_SIGMA));
                    for (int d = 0; d < stride - 1; d++) {
                        weights[tap * stride + d] = (int) Math.round(ONE * spatial * Math.exp(-d * d / (2 * rangeSigmaHu * rangeSigmaHu)));
                    }
                }
            }
        }
    }

    /**
     * Writes the filtered slice z of both volumes into {@code outLow} and {@code outHigh} (reused by the
     * caller from slice to slice): a slice at a time, so that a caller can classify it and let it go,
     * never holding a second copy of the volumes. Reads slices z−1..z+1.
     */
    public void slice(HuVolume low, HuVolume high, byte[] candidates, int z, short[] outLow, short[] outHigh) {
        System.arraycopy(low.slices()[z], 0, outLow, 0, outLow.length);
        System.arraycopy(high.slices()[z], 0, outHigh, 0, outHigh.length);
        int columns = low.geometry().columns();
        int rows = low.geometry().rows();
        short[][] l = low.slices();
        short[][] h = high.slices();
        int z0 = Math.max(0, z - RADIUS_Z);
        int z1 = Math.min(l.length - 1, z + RADIUS_Z);
        int[] offsets = new int[SIDE]; // from a voxel to the first neighbour of each row of its neighbourhood
        for (int dy = -RADIUS_XY; dy <= RADIUS_XY; dy++) {
            offsets[dy + RADIUS_XY] = dy * columns - RADIUS_XY;
        }
        for (int i = Bytes.nextNonZero(candidates, 0); i < candidates.length; i = Bytes.nextNonZero(candidates, i + 1)) {
            if (l[z][i] + h[z][i] >= 2 * DENSE_MIXED_HU) {
                continue;
            }
            int y = i / columns;
            int x = i - y * columns;
            if (y >= RADIUS_XY && y < rows - RADIUS_XY && x >= RADIUS_XY && x < columns - RADIUS_XY) {
                interiorVoxel(l, h, z, z0, z1, i, offsets, outLow, outHigh);
            } else {
                edgeVoxel(l, h, z, z0, z1, x, y, columns, rows, outLow, outHigh);
            }
        }
    }

    /**
     * A voxel at least the radius away from the image edge (all but a frame of two pixels): a fixed
     * table of neighbour offsets and no clamping. Both paths add the same neighbours in the same order.
     * The mixed image is computed on the fly, 2·M = HU_L + HU_H, rather than stored.
     */
    private void interiorVoxel(short[][] low, short[][] high, int z, int z0, int z1, int i, int[] offsets,
                               short[] outLow, short[] outHigh) {
        int lastDiff = stride - 1; // its weight is zero: every larger difference reads it
        int m0 = low[z][i] + high[z][i];
        long sw = 0;
        long sl = 0;
        long sh = 0;
        for (int zz = z0; zz <= z1; zz++) {
            short[] l = low[zz];
            short[] h = high[zz];
            int tap = (zz - z + RADIUS_Z) * SIDE * SIDE;
            for (int dy = 0; dy < SIDE; dy++, tap += SIDE) {
                // The five taps of a row written out: the quick JIT does not unroll loops, and the loop
                // over them cost a seventh of the filter's time.
                int j = i + offsets[dy];
                int tw = tap * stride;
                int lj;
                int hj;
                int w;
                lj = l[j];
                hj = h[j];
                w = weights[tw + Math.min(lastDiff, halfDistance(lj + hj, m0))];
                sw += w;
                sl += (long) w * lj;
                sh += (long) w * hj;
                lj = l[j + 1];
                hj = h[j + 1];
                w = weights[tw + stride + Math.min(lastDiff, halfDistance(lj + hj, m0))];
                sw += w;
                sl += (long) w * lj;
                sh += (long) w * hj;
                lj = l[j + 2];
                hj = h[j + 2];
                w = weights[tw + 2 * stride + Math.min(lastDiff, halfDistance(lj + hj, m0))];
                sw += w;
                sl += (long) w * lj;
                sh += (long) w * hj;
                lj = l[j + 3];
                hj = h[j + 3];
                w = weights[tw + 3 * stride + Math.min(lastDiff, halfDistance(lj + hj, m0))];
                sw += w;
                sl += (long) w * lj;
                sh += (long) w * hj;
                lj = l[j + 4];
                hj = h[j + 4];
                w = weights[tw + 4 * stride + Math.min(lastDiff, halfDistance(lj + hj, m0))];
                sw += w;
                sl += (long) w * lj;
                sh += (long) w * hj;
            }
        }
        outLow[i] = (short) Math.round((double) sl / sw);
        outHigh[i] = (short) Math.round((double) sh / sw);
    }

    /**
     * |a − b| / 2, rounded down, without a branch. Math.abs compiles to a branch with the quick JIT,
     * and near the edges this filter exists for, the sign of the difference is a coin toss:
     * mispredicting it cost a quarter of the filter's time.
     */
    private static int halfDistance(int a, int b) {
        int diff = a - b;
        int sign = diff >> 31;
        return ((diff ^ sign) - sign) >> 1;
    }

    private void edgeVoxel(short[][] low, short[][] high, int z, int z0, int z1, int x, int y, int columns, int rows,
                           short[] outLow, short[] outHigh) {
        int lastDiff = stride - 1;
        int i = y * columns + x;
        int m0 = low[z][i] + high[z][i];
        long sw = 0;
        long sl = 0;
        long sh = 0;
        for (int zz = z0; zz <= z1; zz++) {
            short[] l = low[zz];
            short[] h = high[zz];
            for (int yy = Math.max(0, y - RADIUS_XY); yy <= Math.min(rows - 1, y + RADIUS_XY); yy++) {
                for (int xx = Math.max(0, x - RADIUS_XY); xx <= Math.min(columns - 1, x + RADIUS_XY); xx++) {
                    int j = yy * columns + xx;
                    int tap = ((zz - z + RADIUS_Z) * SIDE + yy - y + RADIUS_XY) * SIDE + xx - x + RADIUS_XY;
                    int w = weights[tap * stride + Math.min(lastDiff, halfDistance(l[j] + h[j], m0))];
                    sw += w;
                    sl += (long) w * l[j];
                    sh += (long) w * h[j];
                }
            }
        }
        outLow[i] = (short) Math.round((double) sl / sw);
        outHigh[i] = (short) Math.round((double) sh / sw);
    }
}
