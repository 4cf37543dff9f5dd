package org.dect.volume;

import java.util.Arrays;

/**
 * A set of voxels of a volume, such as a deposit and the tissue around it: its members in order (slice,
 * row, column) and, over its bounding box, each voxel's position in that order, so that asking whether
 * a voxel belongs, and where, costs an array read. Deposits span a few hundred to a few tens of
 * thousands of voxels.
 */
public final class VoxelSet {

    private final int[] xs;
    private final int[] ys;
    private final int[] zs;
    private final int x0;
    private final int y0;
    private final int z0;
    private final int width;
    private final int height;
    private final int depth;
    /** Over the bounding box: 1 + the member's index, 0 for a voxel not in the set. */
    private final int[] member;

    private VoxelSet(int[] xs, int[] ys, int[] zs, int x0, int y0, int z0, int width, int height, int depth, int[] member) {
        this.xs = xs;
        this.ys = ys;
        this.zs = zs;
        this.x0 = x0;
        this.y0 = y0;
        this.z0 = z0;
        this.width = width;
        this.height = height;
        this.depth = depth;
        this.member = member;
    }

    public int size() {
        return xs.length;
    }

    public int x(int i) {
        return xs[i];
    }

    public int y(int i) {
        return ys[i];
    }

    public int z(int i) {
        return zs[i];
    }

    public boolean contains(int x, int y, int z) {
        return indexOf(x, y, z) >= 0;
    }

    /** The voxel's index in the set's order, −1 when it is not in the set. */
    public int indexOf(int x, int y, int z) {
        int lx = x - x0;
        int ly = y - y0;
        int lz = z - z0;
        if (lx < 0 || ly < 0 || lz < 0 || lx >= width || ly >= height || lz >= depth) {
            return -1;
        }
        return member[(lz * height + ly) * width + lx] - 1;
    }

    /** The voxels whose six face neighbours are in the set too: the set eroded by one voxel. */
    public VoxelSet eroded() {
        Builder b = new Builder();
        for (int i = 0; i < size(); i++) {
            int x = xs[i];
            int y = ys[i];
            int z = zs[i];
            if (contains(x - 1, y, z) && contains(x + 1, y, z) && contains(x, y - 1, z) && contains(x, y + 1, z)
                    && contains(x, y, z - 1) && contains(x, y, z + 1)) {
                b.add(x, y, z);
            }
        }
        return b.build();
    }

    /** Collects voxels, each once however often it is added. */
    public static final class Builder {
        private long[] keys = new long[64];
        private int n;

        public Builder add(int x, int y, int z) {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, 2 * n);
            }
            keys[n++] = ((long) z << 42) | ((long) y << 21) | x;
            return this;
        }

        public VoxelSet build() {
            long[] k = Arrays.copyOf(keys, n);
            Arrays.sort(k);
            int unique = 0;
            for (int i = 0; i < k.length; i++) {
                if (i == 0 || k[i] != k[i - 1]) {
                    k[unique++] = k[i];
                }
            }
            int[] xs = new int[unique];
            int[] ys = new int[unique];
            int[] zs = new int[unique];
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int minZ = Integer.MAX_VALUE;
            int maxX = Integer.MIN_VALUE;
            int maxY = Integer.MIN_VALUE;
            int maxZ = Integer.MIN_VALUE;
            for (int i = 0; i < unique; i++) {
                xs[i] = (int) (k[i] & 0x1FFFFF);
                ys[i] = (int) (k[i] >>> 21 & 0x1FFFFF);
                zs[i] = (int) (k[i] >>> 42);
                minX = Math.min(minX, xs[i]);
                minY = Math.min(minY, ys[i]);
                minZ = Math.min(minZ, zs[i]);
                maxX = Math.max(maxX, xs[i]);
                maxY = Math.max(maxY, ys[i]);
                maxZ = Math.max(maxZ, zs[i]);
            }
            if (unique == 0) {
                return new VoxelSet(xs, ys, zs, 0, 0, 0, 0, 0, 0, new int[0]);
            }
            int w = maxX - minX + 1;
            int h = maxY - minY + 1;
            int d = maxZ - minZ + 1;
            int[] member = new int[w * h * d];
            for (int i = 0; i < unique; i++) {
                member[((zs[i] - minZ) * h + ys[i] - minY) * w + xs[i] - minX] = i + 1;
            }
            return new VoxelSet(xs, ys, zs, minX, minY, minZ, w, h, d, member);
        }
    }
}
