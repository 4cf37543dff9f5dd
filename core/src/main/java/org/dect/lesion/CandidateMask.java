package org.dect.lesion;

import org.dect.volume.HuVolume;

/**
 * The voxels that could hold a deposit at all: those whose 3×3×3 mean of the mixed image
 * (HU_L + HU_H)/2 reaches {@code floorHu}. Soft tissue (about −12 HU), fat and air never do, whatever
 * their noise; the faintest deposit of interest (15 % w/w urate, about 65 HU; 50 mg/cm³ HA, about
 * 70 HU) does well inside and over half of its rim. Everything outside the mask is labelled nothing and
 * is left out of smoothing, which is what keeps per-voxel noise in tissue from turning into false urate.
 *
 * <p>One instance walks a run of slices, a slice at a time, keeping the in-plane sums of the three
 * slices around the current one and reusing its buffers: the mask of the whole volume is never held,
 * and asking for slices in increasing order computes each plane once. Not thread-safe; use one per
 * thread (or per slab).
 */
public final class CandidateMask {

    private final HuVolume low;
    private final HuVolume high;
    private final int floorHu;
    private final int columns;
    private final int rows;
    private final int[] neighbours;
    private final int[] rowSum;
    /** In-plane 3×3 sums of L + H of three slices, by slice index modulo 3, and which slice each holds. */
    private final int[][] planes = new int[3][];
    private final int[] planeSlice = {-1, -1, -1};
    private final boolean[] mask;

    public CandidateMask(HuVolume low, HuVolume high, int floorHu) {
        this.low = low;
        this.high = high;
        this.floorHu = floorHu;
        this.columns = low.geometry().columns();
        this.rows = low.geometry().rows();
        this.neighbours = counts(columns, rows);
        this.rowSum = new int[columns * rows];
        this.mask = new boolean[columns * rows];
    }

    /** The mask of slice z, in a buffer this instance reuses at the next call. */
    public boolean[] slice(int z) {
        int slices = low.geometry().slices();
        int[] here = plane(z);
        int[] below = z > 0 ? plane(z - 1) : null;
        int[] above = z + 1 < slices ? plane(z + 1) : null;
        int depth = 1 + (below != null ? 1 : 0) + (above != null ? 1 : 0);
        long floor2 = 2L * floorHu * depth; // mean of (L+H)/2 over count·depth voxels ≥ floor
        for (int i = 0; i < mask.length; i++) {
            long sum = (long) here[i] + (below != null ? below[i] : 0) + (above != null ? above[i] : 0);
            mask[i] = sum >= floor2 * neighbours[i];
        }
        return mask;
    }

    private int[] plane(int z) {
        int slot = z % 3;
        if (planeSlice[slot] != z) {
            if (planes[slot] == null) {
                planes[slot] = new int[columns * rows];
            }
            planeSum(low.slices()[z], high.slices()[z], planes[slot]);
            planeSlice[slot] = z;
        }
        return planes[slot];
    }

    /** 3×3 in-plane sums of L + H into {@code out}, the border using the neighbours that exist. */
    private void planeSum(short[] l, short[] h, int[] out) {
        for (int y = 0; y < rows; y++) {
            int base = y * columns;
            int left = 0;
            int mid = l[base] + h[base];
            for (int x = 0; x < columns; x++) {
                int right = x < columns - 1 ? l[base + x + 1] + h[base + x + 1] : 0;
                rowSum[base + x] = left + mid + right;
                left = mid;
                mid = right;
            }
        }
        for (int y = 0; y < rows; y++) {
            int base = y * columns;
            int up = y > 0 ? base - columns : -1;
            int down = y < rows - 1 ? base + columns : -1;
            for (int x = 0; x < columns; x++) {
                out[base + x] = rowSum[base + x] + (up >= 0 ? rowSum[up + x] : 0) + (down >= 0 ? rowSum[down + x] : 0);
            }
        }
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
