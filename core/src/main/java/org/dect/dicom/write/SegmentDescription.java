package org.dect.dicom.write;

/**
 * One segment of a DICOM SEG, with the label value of the voxels it holds.
 *
 * @param number   Segment Number, 1, 2, ... in order
 * @param label    the voxel label ({@link org.dect.decompose.Labels}) that belongs to this segment
 * @param cieLab   Recommended Display CIELab Value, DICOM-scaled (0..65535 each)
 */
public record SegmentDescription(int number, byte label, String name, String description, Code category, Code type,
                                 int[] cieLab) {

    public SegmentDescription {
        if (number < 1 || name.isBlank() || name.length() > 64 || cieLab.length != 3) {
            throw new IllegalArgumentException("segment number from 1, a label of at most 64 characters, three CIELab values");
        }
    }
}
