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

    /** The bounding box, inclusive; of an empty set, all 0 and −1. */
    public int minX() {
        return x0;
    }

    public int minY() {
        return y0;
    }

    public int minZ() {
        return z0;
    }

    public int maxX() {
        return x0 + width - 1;
    }

    public int maxY() {
        return y0 + height - 1;
    }

    public int maxZ() {
        return z0 + depth - 1;
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

        /**
         * The set, each voxel once, in (slice, row, column) order. The voxels are marked in the
         * bounding box's member array, which the set needs anyway, and read back in the box's order:
         * no sort, and a voxel added many times (a shell gathered around each voxel of a deposit) costs
         * one mark each time, not a place in the sort.
         */
        public VoxelSet build() {
            if (n == 0) {
                return new VoxelSet(new int[0], new int[0], new int[0], 0, 0, 0, 0, 0, 0, new int[0]);
            }
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int minZ = Integer.MAX_VALUE;
            int maxX = Integer.MIN_VALUE;
            int maxY = Integer.MIN_VALUE;
            int maxZ = Integer.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                int x = (int) (keys[i] & 0x1FFFFF);
                int y = (int) (keys[i] >>> 21 & 0x1FFFFF);
                int z = (int) (keys[i] >>> 42);
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                minZ = Math.min(minZ, z);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
                maxZ = Math.max(maxZ, z);
            }
            int w = maxX - minX + 1;
            int h = maxY - minY + 1;
            int d = maxZ - minZ + 1;
            int[] member = new int[Math.multiplyExact(Math.multiplyExact(w, h), d)];
            int unique = 0;
            for (int i = 0; i < n; i++) {
                int at = (((int) (keys[i] >>> 42) - minZ) * h + (int) (keys[i] >>> 21 & 0x1FFFFF) - minY) * w
                        + (int) (keys[i] & 0x1FFFFF) - minX;
                unique += member[at] == 0 ? 1 : 0;
                member[at] = 1;
            }
            int[] xs = new int[unique];
            int[] ys = new int[unique];
            int[] zs = new int[unique];
            int count = 0;
            for (int z = 0, at = 0; z < d; z++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++, at++) {
                        if (member[at] != 0) {
                            xs[count] = x + minX;
                            ys[count] = y + minY;
                            zs[count] = z + minZ;
                            member[at] = ++count;
                        }
                    }
                }
            }
            return new VoxelSet(xs, ys, zs, minX, minY, minZ, w, h, d, member);
        }
    }
}
