package org.dect.dicom.write;

import org.dect.volume.VoxelSet;

/**
 * One segment of a DICOM SEG: every voxel of one label, or (one deposit) the voxels of a set.
 *
 * @param number   Segment Number, 1, 2, ... in order
 * @param label    the voxel label ({@link org.dect.decompose.Labels}) that belongs to this segment
 * @param cieLab   Recommended Display CIELab Value, DICOM-scaled (0..65535 each)
 * @param voxels   the segment's voxels when it is one deposit; null for all the voxels of the label
 */
public record SegmentDescription(int number, byte label, String name, String description, Code category, Code type,
                                 int[] cieLab, VoxelSet voxels) {

    /** All the voxels of one label. */
    public SegmentDescription(int number, byte label, String name, String description, Code category, Code type, int[] cieLab) {
        this(number, label, name, description, category, type, cieLab, null);
    }

    /** Whether slice z holds any of the segment. */
    boolean inSlice(org.dect.decompose.LabelCounts counts, int z) {
        if (voxels == null) {
            return counts.inSlice(z, label) > 0;
        }
        for (int i = 0; i < voxels.size(); i++) {
            if (voxels.z(i) == z) {
                return true;
            }
        }
        return false;
    }

    public SegmentDescription {
        if (number < 1 || name.isBlank() || name.length() > 64 || cieLab.length != 3) {
            throw new IllegalArgumentException("segment number from 1, a label of at most 64 characters, three CIELab values");
        }
    }
}
