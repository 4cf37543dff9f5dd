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
    private final byte[] mask;
    private final int[] zeros;

    public CandidateMask(HuVolume low, HuVolume high, int floorHu) {
        this.low = low;
        this.high = high;
        this.floorHu = floorHu;
        this.columns = low.geometry().columns();
        this.rows = low.geometry().rows();
        this.neighbours = counts(columns, rows);
        this.rowSum = new int[columns * rows];
        this.mask = new byte[columns * rows];
        this.zeros = new int[columns * rows];
    }

    /**
     * The mask of slice z, 1 for a candidate and 0 elsewhere, in a buffer this instance reuses at the
     * next call. Bytes, not booleans, so that {@link org.dect.Bytes#nextNonZero} can jump over the
     * tissue and air between candidates eight voxels at a time.
     */
    public byte[] slice(int z) {
        int slices = low.geometry().slices();
        int[] here = plane(z);
        // Beyond the ends of the volume a plane of zeros stands in, and the depth counts only real slices:
        // no branch in the loop (a null check there made the JIT recompile it at the first end slice).
        int[] below = z > 0 ? plane(z - 1) : zeros;
        int[] above = z + 1 < slices ? plane(z + 1) : zeros;
        int depth = 1 + (z > 0 ? 1 : 0) + (z + 1 < slices ? 1 : 0);
        int floor2 = 2 * floorHu * depth; // mean of (L+H)/2 over count·depth voxels ≥ floor
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (byte) (here[i] + below[i] + above[i] >= floor2 * neighbours[i] ? 1 : 0);
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

    /**
     * 3×3 in-plane sums of L + H into {@code out}, the border using the neighbours that exist: sums
     * along rows (of L + H, made on the fly), then along columns, each as a plain loop over the
     * interior with the edges apart.
     */
    private void planeSum(short[] l, short[] h, int[] out) {
        for (int base = 0; base < rowSum.length; base += columns) {
            rowSums(l, h, base, columns, rowSum);
        }
        if (rows == 1) {
            System.arraycopy(rowSum, 0, out, 0, columns);
            return;
        }
        int last = (rows - 1) * columns;
        for (int x = 0; x < columns; x++) {
            out[x] = rowSum[x] + rowSum[columns + x];
            out[last + x] = rowSum[last + x] + rowSum[last - columns + x];
        }
        for (int i = columns; i < last; i++) {
            out[i] = rowSum[i - columns] + rowSum[i] + rowSum[i + columns];
        }
    }

    /**
     * Sums of L + H of each element of the row of {@code n} at {@code base} and its left and right
     * neighbours, keeping the last two pair sums in hand so that each voxel is read once.
     */
    private static void rowSums(short[] l, short[] h, int base, int n, int[] out) {
        int end = base + n - 1;
        int previous = 0;
        int current = l[base] + h[base];
        for (int i = base; i < end; i++) {
            int next = l[i + 1] + h[i + 1];
            out[i] = previous + current + next;
            previous = current;
            current = next;
        }
        out[end] = previous + current;
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
