package org.dect.lesion;

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
        // Per slice, the 3×3 in-plane sums of the mixed image (times 2: L + H), separably.
        int[][] planeSums = new int[slices][];
        Slabs.forEachSlice(slices, threads, z -> planeSums[z] = planeSum(low.slices()[z], high.slices()[z], columns, rows));
        boolean[][] mask = new boolean[slices][];
        Slabs.forEachSlice(slices, threads, z -> {
            boolean[] m = new boolean[columns * rows];
            int z0 = Math.max(0, z - 1);
            int z1 = Math.min(slices - 1, z + 1);
            int[] count = counts(columns, rows);
            for (int i = 0; i < m.length; i++) {
                long sum = 0;
                for (int zz = z0; zz <= z1; zz++) {
                    sum += planeSums[zz][i];
                }
                // mean of (L+H)/2 over count·(z1−z0+1) voxels ≥ floor
                m[i] = sum >= 2L * floorHu * count[i] * (z1 - z0 + 1);
            }
            mask[z] = m;
        });
        return mask;
    }

    private static int[] planeSum(short[] l, short[] h, int columns, int rows) {
        int[] rowSum = new int[l.length];
        for (int y = 0; y < rows; y++) {
            int base = y * columns;
            for (int x = 0; x < columns; x++) {
                int s = 0;
                for (int dx = Math.max(0, x - 1); dx <= Math.min(columns - 1, x + 1); dx++) {
                    s += l[base + dx] + h[base + dx];
                }
                rowSum[base + x] = s;
            }
        }
        int[] out = new int[l.length];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int s = 0;
                for (int dy = Math.max(0, y - 1); dy <= Math.min(rows - 1, y + 1); dy++) {
                    s += rowSum[dy * columns + x];
                }
                out[y * columns + x] = s;
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
