package org.dect.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** A set built from voxels added in any order, many of them several times, against a sorted set of the same voxels. */
class VoxelSetTest {

    @Test
    void eachVoxelOnceInSliceRowColumnOrder() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            VoxelSet.Builder b = new VoxelSet.Builder();
            TreeSet<List<Integer>> expected = new TreeSet<>((p, q) -> {
                for (int k = 2; k >= 0; k--) { // slice, then row, then column
                    int c = Integer.compare(p.get(k), q.get(k));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            });
            // A blob in a corner of a large volume, added with repeats, and now and then a far voxel (a sparse box).
            int count = 1 + random.nextInt(2000);
            for (int i = 0; i < count; i++) {
                int x = 500 + random.nextInt(12);
                int y = 300 + random.nextInt(9);
                int z = 40 + random.nextInt(5);
                if (random.nextInt(400) == 0) {
                    x = random.nextInt(512);
                    z = random.nextInt(300);
                }
                b.add(x, y, z);
                expected.add(List.of(x, y, z));
            }
            VoxelSet set = b.build();
            assertEquals(expected.size(), set.size(), "trial " + trial + ": each voxel once");
            List<List<Integer>> order = new ArrayList<>(expected);
            for (int i = 0; i < set.size(); i++) {
                assertEquals(order.get(i), List.of(set.x(i), set.y(i), set.z(i)), "trial " + trial + ": voxel " + i + " in order");
                assertEquals(i, set.indexOf(set.x(i), set.y(i), set.z(i)));
            }
            assertEquals(expected.stream().mapToInt(v -> v.get(0)).min().orElseThrow(), set.minX());
            assertEquals(expected.stream().mapToInt(v -> v.get(0)).max().orElseThrow(), set.maxX());
            assertEquals(expected.stream().mapToInt(v -> v.get(1)).min().orElseThrow(), set.minY());
            assertEquals(expected.stream().mapToInt(v -> v.get(1)).max().orElseThrow(), set.maxY());
            assertEquals(expected.first().get(2), set.minZ());
            assertEquals(expected.last().get(2), set.maxZ());
            if (!expected.contains(List.of(499, 300, 40))) {
                assertFalse(set.contains(499, 300, 40), "trial " + trial + ": a voxel never added");
            }
        }
    }

    @Test
    void anEmptyBuilderGivesAnEmptySet() {
        VoxelSet set = new VoxelSet.Builder().build();
        assertEquals(0, set.size());
        assertFalse(set.contains(0, 0, 0));
        assertEquals(0, set.eroded().size());
    }
}
