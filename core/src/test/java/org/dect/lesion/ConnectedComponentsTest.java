package org.dect.lesion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

    @Test
    void matchesFloodFillOnRandomVolumes() {
        int cols = 23;
        int rows = 17;
        int slices = 9;
        for (long seed = 1; seed <= 10; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            double density = seed % 2 == 0 ? 0.25 : 0.6; // sparse specks, or long runs that merge in many ways
            byte[][] labels = new byte[slices][cols * rows];
            for (byte[] s : labels) {
                for (int i = 0; i < s.length; i++) {
                    s[i] = (byte) (r.nextDouble() < density ? 1 : r.nextDouble() < 0.1 ? 2 : 0);
                }
            }
            ConnectedComponents.Components c = ConnectedComponents.of(labels, cols, rows, (byte) 1);
            int[][] reference = floodFill(labels, cols, rows, (byte) 1);
            // Same partition: a one-to-one map between our ids and the reference's.
            Map<Integer, Integer> map = new HashMap<>();
            Map<Integer, Integer> back = new HashMap<>();
            int max = 0;
            for (int z = 0; z < slices; z++) {
                int[] ids = c.ids(z);
                for (int i = 0; i < cols * rows; i++) {
                    int ours = ids[i];
                    int theirs = reference[z][i];
                    assertEquals(theirs == 0, ours == 0);
                    if (ours != 0) {
                        assertEquals(theirs, (int) map.computeIfAbsent(ours, k -> theirs));
                        assertEquals(ours, (int) back.computeIfAbsent(theirs, k -> ours));
                        max = Math.max(max, theirs);
                    }
                }
            }
            assertEquals(max, c.count());
            long[] referenceSizes = new long[max + 1];
            for (int[] slice : reference) {
                for (int id : slice) {
                    referenceSizes[id]++;
                }
            }
            for (int id = 1; id <= c.count(); id++) {
                assertEquals(referenceSizes[map.get(id)], c.sizes()[id], "size of component " + id);
            }
        }
    }

    @Test
    void diagonalCornersConnect() {
        byte[][] labels = new byte[2][9];
        labels[0][0] = 1; // (0,0,0)
        labels[1][4] = 1; // (1,1,1): touches only by a corner
        labels[1][8] = 1; // (2,2,1): touches (1,1,1) by a corner
        ConnectedComponents.Components c = ConnectedComponents.of(labels, 3, 3, (byte) 1);
        assertEquals(1, c.count());
        assertEquals(3, c.sizes()[1]);
    }

    private static int[][] floodFill(byte[][] labels, int cols, int rows, byte target) {
        int slices = labels.length;
        int[][] ids = new int[slices][cols * rows];
        int next = 0;
        for (int z = 0; z < slices; z++) {
            for (int i = 0; i < cols * rows; i++) {
                if (labels[z][i] != target || ids[z][i] != 0) {
                    continue;
                }
                next++;
                ArrayDeque<int[]> queue = new ArrayDeque<>();
                queue.add(new int[] {i % cols, i / cols, z});
                ids[z][i] = next;
                while (!queue.isEmpty()) {
                    int[] p = queue.poll();
                    List<int[]> around = new ArrayList<>();
                    for (int dz = -1; dz <= 1; dz++) {
                        for (int dy = -1; dy <= 1; dy++) {
                            for (int dx = -1; dx <= 1; dx++) {
                                around.add(new int[] {p[0] + dx, p[1] + dy, p[2] + dz});
                            }
                        }
                    }
                    for (int[] q : around) {
                        if (q[0] < 0 || q[0] >= cols || q[1] < 0 || q[1] >= rows || q[2] < 0 || q[2] >= slices) {
                            continue;
                        }
                        int j = q[1] * cols + q[0];
                        if (labels[q[2]][j] == target && ids[q[2]][j] == 0) {
                            ids[q[2]][j] = next;
                            queue.add(q);
                        }
                    }
                }
            }
        }
        return ids;
    }
}
