package org.dect.lesion;

import org.dect.Parallel;
import org.dect.volume.HuVolume;

/**
 * The voxels that could hold a deposit at all: those whose 3×3×3 mean of the mixed image
 * (HU_L + HU_H)/2 reaches {@code floorHu}. Soft tissue (about −12 HU), fat and air never do, whatever
 * their noise; the faintest deposit of interest (15 % w/w urate, about 65 HU; 50 mg/cm³ HA, about
 * 70 HU) does well inside and over half of its rim. Everything outside the mask is labelled nothing and
 * is left out of smoothing, which is what keeps per-voxel noise in tissue from turning into false urate.
 */
public final class CandidateMask {

    private CandidateMask() { }

    public static boolean[][] of(HuVolume low, HuVolume high, int floorHu, int threads) {
        int columns = low.geometry().columns();
        int rows = low.geometry().rows();
        int slices = low.geometry().slices();
        boolean[][] mask = new boolean[slices][];
        int[] count = counts(columns, rows);
        // Contiguous slabs, one per thread, each rolling a window of three in-plane sums along z.
        int slabs = Math.max(1, Math.min(threads, slices));
        Parallel.forEach(slabs, threads, slab -> {
            int from = slab * slices / slabs;
            int to = (slab + 1) * slices / slabs;
            int[] below = from > 0 ? planeSum(low.slices()[from - 1], high.slices()[from - 1], columns, rows) : null;
            int[] here = planeSum(low.slices()[from], high.slices()[from], columns, rows);
            for (int z = from; z < to; z++) {
                int[] above = z + 1 < slices ? planeSum(low.slices()[z + 1], high.slices()[z + 1], columns, rows) : null;
                int depth = 1 + (below != null ? 1 : 0) + (above != null ? 1 : 0);
                boolean[] m = new boolean[columns * rows];
                for (int i = 0; i < m.length; i++) {
                    long sum = (long) here[i] + (below != null ? below[i] : 0) + (above != null ? above[i] : 0);
                    // mean of (L+H)/2 over count·depth voxels ≥ floor
                    m[i] = sum >= 2L * floorHu * count[i] * depth;
                }
                mask[z] = m;
                below = here;
                here = above;
            }
        });
        return mask;
    }

    /** 3×3 in-plane sums of L + H, the border using the neighbours that exist. */
    private static int[] planeSum(short[] l, short[] h, int columns, int rows) {
        int[] pair = new int[l.length];
        for (int i = 0; i < pair.length; i++) {
            pair[i] = l[i] + h[i];
        }
        int[] rowSum = new int[l.length];
        for (int y = 0; y < rows; y++) {
            int base = y * columns;
            for (int x = 0; x < columns; x++) {
                int s = pair[base + x];
                if (x > 0) {
                    s += pair[base + x - 1];
                }
                if (x < columns - 1) {
                    s += pair[base + x + 1];
                }
                rowSum[base + x] = s;
            }
        }
        int[] out = pair; // reused: pair is no longer needed
        for (int y = 0; y < rows; y++) {
            int base = y * columns;
            for (int x = 0; x < columns; x++) {
                int s = rowSum[base + x];
                if (y > 0) {
                    s += rowSum[base - columns + x];
                }
                if (y < rows - 1) {
                    s += rowSum[base + columns + x];
                }
                out[base + x] = s;
            }
        }
        return out;
    }

    /** In-plane neighbour counts (9 inside, fewer at the border). */
    private static int[] counts(int columns, int rows) {
        int[] c = new int[columns * rows];
        for (int y = 0; y < rows; y++) {
            int ny = (y > 0 ? 1 : 0) + 1 + (y < rows - 1 ? 1 : 0);
            for (int x = 0; x < columns; x++) {
                int nx = (x > 0 ? 1 : 0) + 1 + (x < columns - 1 ? 1 : 0);
                c[y * columns + x] = nx * ny;
            }
        }
        return c;
    }
}
