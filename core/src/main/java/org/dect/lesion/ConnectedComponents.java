package org.dect.lesion;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * 3-D connected components of the voxels carrying one label, with 26-connectivity (faces, edges and
 * corners touch), on runs: each row is first cut into runs of the label, and a run joins every run it
 * touches in the row above and in the three rows around it in the previous slice, with union-find
 * (the run-based labelling of He, Chao and Suzuki 2008, extended to 3-D). Everything after the scan
 * works on runs, whose number grows with the outline of the deposits, not with the volume: bone, the
 * largest "calcium" component, is a few runs per row.
 */
public final class ConnectedComponents {

    /**
     * Runs of one slice in scan order: run k covers x from {@code x0(k)} up to but not including
     * {@code x1(k)} in row {@code y}, runs of row y being {@code rowFirst[y] .. rowFirst[y + 1] − 1}.
     */
    public record SliceRuns(int[] rowFirst, int[] runs) {

        public int count() {
            return rowFirst[rowFirst.length - 1];
        }

        public int x0(int k) {
            return runs[3 * k];
        }

        public int x1(int k) {
            return runs[3 * k + 1];
        }

        public int id(int k) {
            return runs[3 * k + 2];
        }
    }

    /**
     * @param slices per slice, its runs; null for a slice without any voxel of the label
     * @param count  components, numbered 1..count in scan order of their first voxel
     * @param sizes  voxels per component; sizes[0] is unused
     */
    public record Components(int columns, int rows, SliceRuns[] slices, int count, long[] sizes) {

        /** The component of every voxel of slice z (0 for background), made on request. */
        public int[] ids(int z) {
            int[] ids = new int[columns * rows];
            SliceRuns s = slices[z];
            if (s != null) {
                for (int y = 0; y < rows; y++) {
                    for (int k = s.rowFirst()[y]; k < s.rowFirst()[y + 1]; k++) {
                        Arrays.fill(ids, y * columns + s.x0(k), y * columns + s.x1(k), s.id(k));
                    }
                }
            }
            return ids;
        }
    }

    private ConnectedComponents() { }

    public static Components of(byte[][] labels, int columns, int rows, byte target) {
        SliceRuns[] slices = new SliceRuns[labels.length];
        Equivalences eq = new Equivalences();
        for (int z = 0; z < labels.length; z++) {
            slices[z] = firstPass(labels[z], z > 0 ? slices[z - 1] : null, columns, rows, target, eq);
        }
        int[] finalId = eq.resolve();
        long[] sizes = new long[eq.count + 1];
        for (SliceRuns s : slices) {
            if (s != null) {
                for (int k = 0; k < s.count(); k++) {
                    int f = finalId[s.id(k)];
                    s.runs()[3 * k + 2] = f;
                    sizes[f] += s.x1(k) - s.x0(k);
                }
            }
        }
        return new Components(columns, rows, slices, eq.count, sizes);
    }

    /** The runs of one slice with provisional ids, or null when it holds no voxel of the label. */
    private static SliceRuns firstPass(byte[] lab, SliceRuns prev, int columns, int rows, byte target, Equivalences eq) {
        int[] rowFirst = new int[rows + 1];
        int[] runs = new int[48];
        int n = 0;
        long pattern = (target & 0xffL) * ONES;
        int[] back = new int[3];
        int[] backEnd = new int[3];
        for (int y = 0; y < rows; y++) {
            rowFirst[y] = n;
            int base = y * columns;
            // Where the scan of each neighbouring row stands: runs ending left of the current run can
            // touch no later run of this row either, so each neighbouring row is read once.
            int above = y > 0 ? rowFirst[y - 1] : 0;
            int aboveEnd = y > 0 ? rowFirst[y] : 0;
            for (int d = 0; d < 3; d++) {
                back[d] = 0;
                backEnd[d] = 0;
                int yy = y - 1 + d;
                if (prev != null && yy >= 0 && yy < rows) {
                    back[d] = prev.rowFirst()[yy];
                    backEnd[d] = prev.rowFirst()[yy + 1];
                }
            }
            int x = 0;
            while (x < columns) {
                x = skipWithout(lab, base, x, columns, pattern);
                if (x >= columns) {
                    break;
                }
                if (lab[base + x] != target) {
                    x++;
                    continue;
                }
                int x0 = x;
                while (x < columns && lab[base + x] == target) {
                    x++;
                }
                int id = 0;
                above = skip(runs, above, aboveEnd, x0);
                id = joinTouching(runs, above, aboveEnd, x, id, eq);
                for (int d = 0; d < 3; d++) {
                    back[d] = skip(prev == null ? runs : prev.runs(), back[d], backEnd[d], x0);
                    id = joinTouching(prev == null ? runs : prev.runs(), back[d], backEnd[d], x, id, eq);
                }
                if (3 * n + 3 > runs.length) {
                    runs = Arrays.copyOf(runs, runs.length * 2);
                }
                runs[3 * n] = x0;
                runs[3 * n + 1] = x;
                runs[3 * n + 2] = id != 0 ? id : eq.fresh();
                n++;
            }
        }
        rowFirst[rows] = n;
        return n == 0 ? null : new SliceRuns(rowFirst, runs);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * From x, the first position of the row whose 8-byte word may hold the label, 8 bytes at a time
     * (a zero-byte test on the word XOR the label repeated: Hacker's Delight 6-1). Most of a label
     * volume is background, and a byte at a time made this scan the costliest part of the labelling.
     */
    private static int skipWithout(byte[] lab, int base, int x, int columns, long pattern) {
        while (x + 8 <= columns) {
            long v = (long) LONGS.get(lab, base + x) ^ pattern;
            if (((v - ONES) & ~v & HIGHS) != 0) {
                return x;
            }
            x += 8;
        }
        return x;
    }

    /** Moves past the runs of a neighbouring row that end left of x0 − 1 (they touch nothing from x0 on). */
    private static int skip(int[] runs, int k, int end, int x0) {
        while (k < end && runs[3 * k + 1] < x0) {
            k++;
        }
        return k;
    }

    /**
     * Joins the runs from k on (those ending too far left already skipped) that touch the current run,
     * which ends before x1, diagonally included: those starting at or before x1.
     */
    private static int joinTouching(int[] runs, int k, int end, int x1, int id, Equivalences eq) {
        for (; k < end && runs[3 * k] <= x1; k++) {
            id = eq.join(id, runs[3 * k + 2]);
        }
        return id;
    }

    /** Union-find over provisional ids, the smaller root winning, with path halving. */
    private static final class Equivalences {
        int[] parent = new int[1024];
        int next = 1;
        int count;

        int fresh() {
            if (next == parent.length) {
                parent = Arrays.copyOf(parent, parent.length * 2);
            }
            parent[next] = next;
            return next++;
        }

        /** Merges the classes of the current id and a neighbour's id (0: none); returns the smaller root. */
        int join(int id, int neighbour) {
            if (neighbour == 0 || neighbour == id) {
                return id;
            }
            int b = find(neighbour);
            if (id == 0) {
                return b;
            }
            int a = find(id);
            if (a == b) {
                return a;
            }
            int root = Math.min(a, b);
            parent[Math.max(a, b)] = root;
            return root;
        }

        int find(int p) {
            while (parent[p] != p) {
                parent[p] = parent[parent[p]];
                p = parent[p];
            }
            return p;
        }

        /** Final ids 1..count in order of first appearance, indexed by provisional id. */
        int[] resolve() {
            int[] finalId = new int[next];
            for (int p = 1; p < next; p++) {
                int root = find(p);
                if (finalId[root] == 0) {
                    finalId[root] = ++count;
                }
                finalId[p] = finalId[root];
            }
            return finalId;
        }
    }
}
