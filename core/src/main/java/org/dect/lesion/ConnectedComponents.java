package org.dect.lesion;

import java.util.Arrays;

/**
 * 3-D connected components of the voxels carrying one label, with 26-connectivity (faces, edges and
 * corners touch), in two passes with union-find (Rosenfeld and Pfaltz 1966): the first pass gives each
 * voxel the smallest provisional id among its 13 already-visited neighbours and records equivalences,
 * the second replaces provisional ids by final ones numbered 1..count in scan order.
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
        int[] parent = new int[1024];
        int next = 1;
        for (int z = 0; z < slices; z++) {
            byte[] lab = labels[z];
            int[] cur = null;
            int[] prev = z > 0 ? ids[z - 1] : null;
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    int i = y * columns + x;
                    if (lab[i] != target) {
                        continue;
                    }
                    if (cur == null) {
                        cur = new int[columns * rows];
                        ids[z] = cur;
                    }
                    int id = 0;
                    // Neighbours already visited: four in this slice, nine in the previous one.
                    if (x > 0) {
                        id = join(parent, id, cur[i - 1]);
                    }
                    if (y > 0) {
                        int up = i - columns;
                        if (x > 0) {
                            id = join(parent, id, cur[up - 1]);
                        }
                        id = join(parent, id, cur[up]);
                        if (x < columns - 1) {
                            id = join(parent, id, cur[up + 1]);
                        }
                    }
                    if (prev != null) {
                        for (int dy = -1; dy <= 1; dy++) {
                            int yy = y + dy;
                            if (yy < 0 || yy >= rows) {
                                continue;
                            }
                            for (int dx = -1; dx <= 1; dx++) {
                                int xx = x + dx;
                                if (xx >= 0 && xx < columns) {
                                    id = join(parent, id, prev[yy * columns + xx]);
                                }
                            }
                        }
                    }
                    if (id == 0) {
                        if (next == parent.length) {
                            parent = Arrays.copyOf(parent, parent.length * 2);
                        }
                        parent[next] = next;
                        id = next++;
                    }
                    cur[i] = id;
                }
            }
        }
        // Final ids in order of first appearance.
        int[] finalId = new int[next];
        int count = 0;
        for (int p = 1; p < next; p++) {
            int root = find(parent, p);
            if (finalId[root] == 0) {
                finalId[root] = ++count;
            }
            finalId[p] = finalId[root];
        }
        long[] sizes = new long[count + 1];
        for (int[] slice : ids) {
            if (slice == null) {
                continue;
            }
            for (int i = 0; i < slice.length; i++) {
                if (slice[i] != 0) {
                    slice[i] = finalId[slice[i]];
                    sizes[slice[i]]++;
                }
            }
        }
        return new Components(ids, count, sizes);
    }

    /** Merges the classes of the current id and a neighbour's id (0: none); returns the smaller root. */
    private static int join(int[] parent, int id, int neighbour) {
        if (neighbour == 0) {
            return id;
        }
        int b = find(parent, neighbour);
        if (id == 0) {
            return b;
        }
        int a = find(parent, id);
        if (a == b) {
            return a;
        }
        int root = Math.min(a, b);
        parent[Math.max(a, b)] = root;
        return root;
    }

    private static int find(int[] parent, int p) {
        while (parent[p] != p) {
            parent[p] = parent[parent[p]];
            p = parent[p];
        }
        return p;
    }
}
