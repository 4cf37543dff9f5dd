package org.dect.lesion;

import java.util.Arrays;

/**
 * 3-D connected components of the voxels carrying one label, with 26-connectivity (faces, edges and
 * corners touch), in two passes with union-find (Rosenfeld and Pfaltz 1966): the first pass gives each
 * voxel the smallest provisional id among its 13 already-visited neighbours and records equivalences,
 * the second replaces provisional ids by final ones numbered 1..count in scan order. Inside a run along
 * x only the four neighbours in column x+1 are new, which makes solid regions three times cheaper
 * (the decision-tree idea of Wu, Otoo and Suzuki 2005). Each pass works a
 * slice at a time in a small method: one big method with all loops was deoptimised by the JIT midway
 * and ran three times slower (BenchmarkConnectedComponents).
 */
public final class ConnectedComponents {

    /**
     * @param ids   per slice, the component (1..count) of each voxel, 0 for background; null for a slice
     *              without any voxel of the label
     * @param sizes voxels per component; sizes[0] is unused
     */
    public record Components(int[][] ids, int count, long[] sizes) { }

    private ConnectedComponents() { }

    public static Components of(byte[][] labels, int columns, int rows, byte target) {
        int slices = labels.length;
        int[][] ids = new int[slices][];
        Equivalences eq = new Equivalences();
        for (int z = 0; z < slices; z++) {
            ids[z] = firstPass(labels[z], z > 0 ? ids[z - 1] : null, columns, rows, target, eq);
        }
        int[] finalId = eq.resolve();
        int count = eq.count;
        long[] sizes = new long[count + 1];
        for (int[] slice : ids) {
            if (slice != null) {
                renumber(slice, finalId, sizes);
            }
        }
        return new Components(ids, count, sizes);
    }

    /** Provisional ids of one slice, or null when it holds no voxel of the label. */
    private static int[] firstPass(byte[] lab, int[] prev, int columns, int rows, byte target, Equivalences eq) {
        int[] cur = null;
        for (int y = 0; y < rows; y++) {
            int row = y * columns;
            for (int x = 0; x < columns; x++) {
                int i = row + x;
                if (lab[i] != target) {
                    continue;
                }
                if (cur == null) {
                    cur = new int[lab.length];
                }
                int id;
                if (x > 0 && cur[i - 1] != 0) {
                    // The left neighbour is joined already with every neighbour we share with it (columns
                    // x−1 and x); only column x+1 is new: above in this slice, three in the previous one.
                    id = cur[i - 1];
                    if (x < columns - 1) {
                        if (y > 0) {
                            id = eq.join(id, cur[i - columns + 1]);
                        }
                        if (prev != null) {
                            for (int yy = Math.max(0, y - 1); yy <= Math.min(rows - 1, y + 1); yy++) {
                                id = eq.join(id, prev[yy * columns + x + 1]);
                            }
                        }
                    }
                } else {
                    id = 0;
                    if (y > 0) {
                        int up = i - columns;
                        if (x > 0) {
                            id = eq.join(id, cur[up - 1]);
                        }
                        id = eq.join(id, cur[up]);
                        if (x < columns - 1) {
                            id = eq.join(id, cur[up + 1]);
                        }
                    }
                    if (prev != null) {
                        id = joinPrevious(prev, x, y, columns, rows, id, eq);
                    }
                }
                cur[i] = id != 0 ? id : eq.fresh();
            }
        }
        return cur;
    }

    /** Joins the nine neighbours in the previous slice. */
    private static int joinPrevious(int[] prev, int x, int y, int columns, int rows, int id, Equivalences eq) {
        int x0 = Math.max(0, x - 1);
        int x1 = Math.min(columns - 1, x + 1);
        for (int yy = Math.max(0, y - 1); yy <= Math.min(rows - 1, y + 1); yy++) {
            int row = yy * columns;
            for (int xx = x0; xx <= x1; xx++) {
                id = eq.join(id, prev[row + xx]);
            }
        }
        return id;
    }

    private static void renumber(int[] slice, int[] finalId, long[] sizes) {
        for (int i = 0; i < slice.length; i++) {
            int p = slice[i];
            if (p != 0) {
                int f = finalId[p];
                slice[i] = f;
                sizes[f]++;
            }
        }
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
                return id; // the common case inside a deposit: nothing to merge
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
