package org.dect.lesion;

import java.util.Arrays;

import org.dect.Bytes;
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
 *
 * <p>Rows are skipped where no voxel can qualify: if no voxel of the nine rows around a row (three
 * slices, three rows) reaches the floor, neither can the mean of any neighbourhood along it. Such
 * "cold" rows, air and fat above all, are found by a test that stops at the first voxel at the floor,
 * and for them no sums and no threshold are computed; the mask is the same as without the shortcut.
 */
public final class CandidateMask {

    private final HuVolume low;
    private final HuVolume high;
    private final int floorHu;
    private final int columns;
    private final int rows;
    private final int[] neighbours;
    /**
     * By slice index modulo 3: sums of L + H along rows (each voxel and its left and right neighbour),
     * made a row at a time when needed.
     */
    private final int[][] rowSums = new int[3][];
    /** By slice index modulo 3: whether a row holds a voxel whose L + H reaches twice the floor. */
    private final boolean[][] hotRows = new boolean[3][];
    /** By slice index modulo 3: whether that row of {@link #rowSums} has been made for the slice it holds. */
    private final boolean[][] rowSummed = new boolean[3][];
    /** By slice index modulo 3: in-plane 3×3 sums of L + H, made a row at a time when a mask row needs them. */
    private final int[][] planes = new int[3][];
    /** By slice index modulo 3: whether that row of {@link #planes} has been made for the slice it holds. */
    private final boolean[][] summedRows = new boolean[3][];
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
        this.mask = new byte[columns * rows];
        this.zeros = new int[columns * rows];
    }

    /**
     * The mask of slice z, 1 for a candidate and 0 elsewhere, in a buffer this instance reuses at the
     * next call. Bytes, not booleans, so that {@link Bytes#nextNonZero} can jump over the
     * tissue and air between candidates eight voxels at a time.
     */
    public byte[] slice(int z) {
        int slices = low.geometry().slices();
        // Beyond the ends of the volume a plane of zeros stands in, and the depth counts only real slices:
        // no branch in the loop (a null check there made the JIT recompile it at the first end slice).
        int here = slot(z);
        int below = z > 0 ? slot(z - 1) : -1;
        int above = z + 1 < slices ? slot(z + 1) : -1;
        int depth = 1 + (z > 0 ? 1 : 0) + (z + 1 < slices ? 1 : 0);
        int floor2 = 2 * floorHu * depth; // mean of (L+H)/2 over count·depth voxels ≥ floor
        for (int y = 0; y < rows; y++) {
            int from = y * columns;
            int to = from + columns;
            if (!nearHot(here, y) && !nearHot(below, y) && !nearHot(above, y)) {
                Bytes.clear(mask, from, to);
                continue;
            }
            int[] h = summedRow(here, y);
            int[] b = below < 0 ? zeros : summedRow(below, y);
            int[] a = above < 0 ? zeros : summedRow(above, y);
            for (int i = from; i < to; i++) {
                mask[i] = (byte) (h[i] + b[i] + a[i] >= floor2 * neighbours[i] ? 1 : 0);
            }
        }
        return mask;
    }

    /**
     * The slot (slice index modulo 3) holding slice z, taken over now if it holds another slice: which
     * rows are hot is found at once, their sums only when a mask row needs them.
     */
    private int slot(int z) {
        int slot = z % 3;
        if (planeSlice[slot] != z) {
            if (rowSums[slot] == null) {
                rowSums[slot] = new int[columns * rows];
                planes[slot] = new int[columns * rows];
                hotRows[slot] = new boolean[rows];
                rowSummed[slot] = new boolean[rows];
                summedRows[slot] = new boolean[rows];
            }
            short[] l = low.slices()[z];
            short[] h = high.slices()[z];
            for (int y = 0; y < rows; y++) {
                hotRows[slot][y] = reaches(l, h, y * columns, (y + 1) * columns, 2 * floorHu);
            }
            Arrays.fill(rowSummed[slot], false);
            Arrays.fill(summedRows[slot], false);
            planeSlice[slot] = z;
        }
        return slot;
    }

    /**
     * Whether any L + H of [from, to) reaches {@code limit}. It stops at the first: a row through the
     * body has one near its start, while a row of air, read to the end, costs only the test.
     */
    private static boolean reaches(short[] l, short[] h, int from, int to, int limit) {
        for (int i = from; i < to; i++) {
            if (l[i] + h[i] >= limit) {
                return true;
            }
        }
        return false;
    }

    /** Whether a voxel of rows y−1..y+1 of the slice in {@code slot} reaches the floor; never for a missing slice. */
    private boolean nearHot(int slot, int y) {
        if (slot < 0) {
            return false;
        }
        boolean[] hot = hotRows[slot];
        return hot[y] || (y > 0 && hot[y - 1]) || (y + 1 < rows && hot[y + 1]);
    }

    /**
     * The in-plane 3×3 sums of the slice in {@code slot}, with row y made: the row sums of rows y−1..y+1,
     * the border using the neighbours that exist.
     */
    private int[] summedRow(int slot, int y) {
        int[] out = planes[slot];
        if (!summedRows[slot][y]) {
            int[] r = rowSums[slot];
            for (int yy = Math.max(0, y - 1); yy <= Math.min(rows - 1, y + 1); yy++) {
                if (!rowSummed[slot][yy]) {
                    rowSums(low.slices()[planeSlice[slot]], high.slices()[planeSlice[slot]], yy * columns, columns, r);
                    rowSummed[slot][yy] = true;
                }
            }
            int from = y * columns;
            if (y > 0 && y + 1 < rows) {
                for (int i = from, end = from + columns; i < end; i++) {
                    out[i] = r[i - columns] + r[i] + r[i + columns];
                }
            } else {
                System.arraycopy(r, from, out, from, columns);
                if (y > 0) {
                    add(r, from - columns, out, from, columns);
                }
                if (y + 1 < rows) {
                    add(r, from + columns, out, from, columns);
                }
            }
            summedRows[slot][y] = true;
        }
        return out;
    }

    private static void add(int[] from, int fromIndex, int[] to, int toIndex, int n) {
        for (int k = 0; k < n; k++) {
            to[toIndex + k] += from[fromIndex + k];
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
