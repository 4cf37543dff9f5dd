package org.dect.lesion;

import java.util.HashMap;
import java.util.Map;

import org.dect.decompose.Labels;
import org.dect.lesion.ConnectedComponents.Components;
import org.dect.volume.VoxelSet;

/**
 * A sheet of "urate" one voxel thick on the surface of a bone: every voxel of it touches the bone
 * (26-neighbours). It is the blur of the cortex, a thousand HU brighter, spread into the first voxels
 * of soft tissue and shifted by noise, not a deposit: a tophus that sits on a bone, or erodes it, is
 * at least 1.5 mm across and so has voxels that do not touch it. The bone margin of {@link Exclusions}
 * removes most of such voxels; where the margin is a voxel short (a blur wider than the scan says, a
 * scanner off its preset), this removes the rest.
 */
final class BoneEdge {

    private BoneEdge() { }

    /**
     * @param calcium     the calcium components, of which those whose fate is bone are bones
     * @param calciumFate each calcium component's fate
     */
    static boolean along(VoxelSet v, byte[][] labels, Components calcium, byte[] calciumFate) {
        Map<Integer, int[]> ids = new HashMap<>();
        int columns = calcium.columns();
        int rows = calcium.rows();
        for (int i = 0; i < v.size(); i++) {
            if (!touchesBone(v.x(i), v.y(i), v.z(i), labels, calcium, calciumFate, ids, columns, rows)) {
                return false;
            }
        }
        return v.size() > 0;
    }

    private static boolean touchesBone(int x0, int y0, int z0, byte[][] labels, Components calcium, byte[] calciumFate,
                                       Map<Integer, int[]> ids, int columns, int rows) {
        for (int z = Math.max(0, z0 - 1); z <= Math.min(labels.length - 1, z0 + 1); z++) {
            for (int y = Math.max(0, y0 - 1); y <= Math.min(rows - 1, y0 + 1); y++) {
                for (int x = Math.max(0, x0 - 1); x <= Math.min(columns - 1, x0 + 1); x++) {
                    byte label = labels[z][y * columns + x];
                    if (label == Labels.BONE
                            || label == Labels.CALCIUM && calciumFate[ids.computeIfAbsent(z, calcium::ids)[y * columns + x]] == Labels.BONE) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
