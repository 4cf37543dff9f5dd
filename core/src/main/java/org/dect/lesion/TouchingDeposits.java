package org.dect.lesion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dect.decompose.Labels;
import org.dect.lesion.ConnectedComponents.Components;
import org.dect.volume.VoxelSet;

/**
 * Urate and calcium components that touch (26-neighbours), grouped. Voxel by voxel, noise moves some
 * voxels of a deposit across the urate/calcium boundary, most at its faint edge: a calcium wafer of
 * chondrocalcinosis comes out as calcium with a rim of "urate", a tophus at 80/140 with specks of
 * "calcium". Each piece alone is biased towards the label that picked its voxels; judged as one, the
 * group is what its whole says (LesionMeasurer). Only components still kept (their material or
 * indeterminate) take part; bone does not.
 */
final class TouchingDeposits {

    /**
     * @param members {material, component id} of each member
     * @param union   all their voxels
     */
    record Group(List<int[]> members, VoxelSet union) { }

    private TouchingDeposits() { }

    /** The groups of two or more touching components, from the labels as the components were found. */
    static List<Group> groups(Components urate, Components calcium, VoxelSet[][] sets, byte[][] fates, byte[][] labels) {
        int offset = urate.count();
        int[] parent = new int[urate.count() + calcium.count() + 1];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<Integer, int[]> calciumIds = new HashMap<>();
        int columns = urate.columns();
        int rows = urate.rows();
        for (int id = 1; id <= urate.count(); id++) {
            if (!kept(fates[Labels.URATE][id], Labels.URATE)) {
                continue;
            }
            VoxelSet v = sets[Labels.URATE][id];
            for (int i = 0; i < v.size(); i++) {
                for (int dz = -1; dz <= 1; dz++) {
                    int z = v.z(i) + dz;
                    if (z < 0 || z >= labels.length) {
                        continue;
                    }
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int x = v.x(i) + dx;
                            int y = v.y(i) + dy;
                            if (x < 0 || y < 0 || x >= columns || y >= rows || labels[z][y * columns + x] != Labels.CALCIUM) {
                                continue;
                            }
                            int c = calciumIds.computeIfAbsent(z, calcium::ids)[y * columns + x];
                            if (kept(fates[Labels.CALCIUM][c], Labels.CALCIUM)) {
                                union(parent, id, offset + c);
                            }
                        }
                    }
                }
            }
        }
        Map<Integer, List<int[]>> byRoot = new TreeMap<>();
        for (int node = 1; node < parent.length; node++) {
            byRoot.computeIfAbsent(find(parent, node), r -> new ArrayList<>())
                    .add(node <= offset ? new int[] {Labels.URATE, node} : new int[] {Labels.CALCIUM, node - offset});
        }
        List<Group> out = new ArrayList<>();
        for (List<int[]> members : byRoot.values()) {
            if (members.size() < 2) {
                continue;
            }
            VoxelSet.Builder b = new VoxelSet.Builder();
            for (int[] m : members) {
                VoxelSet v = sets[m[0]][m[1]];
                for (int i = 0; i < v.size(); i++) {
                    b.add(v.x(i), v.y(i), v.z(i));
                }
            }
            out.add(new Group(List.copyOf(members), b.build()));
        }
        return out;
    }

    private static boolean kept(byte fate, byte material) {
        return fate == material || fate == Labels.INDETERMINATE;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
