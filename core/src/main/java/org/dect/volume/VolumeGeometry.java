package org.dect.volume;

import java.util.Arrays;

/**
 * Where the voxels of a stack of parallel slices sit in patient coordinates (DICOM LPS, mm).
 * Voxel (x, y, z) lies at {@code slicePosition(z) + x·columnSpacing·rowDirection + y·rowSpacing·columnDirection},
 * following the Image Plane module (PS3.3 C.7.6.2): rowDirection is the first three values of
 * Image Orientation (Patient), along which x (the column index) grows.
 *
 * @param columns       voxels per row (x)
 * @param rows          rows per slice (y)
 * @param rowSpacing    mm between the centres of adjacent rows (first value of Pixel Spacing)
 * @param columnSpacing mm between the centres of adjacent columns (second value of Pixel Spacing)
 * @param rowDirection    unit vector along a row
 * @param columnDirection unit vector down a column
 * @param slicePositions  Image Position (Patient) of each slice, in increasing order along the normal
 * @param sliceSpacing    mm between adjacent slice centres along the normal
 * @param sliceThickness  nominal reconstructed thickness, mm (NaN when the source did not say)
 */
public record VolumeGeometry(int columns, int rows, double rowSpacing, double columnSpacing,
                             double[] rowDirection, double[] columnDirection, double[][] slicePositions,
                             double sliceSpacing, double sliceThickness) {

    public int slices() {
        return slicePositions.length;
    }

    public long voxelCount() {
        return (long) columns * rows * slices();
    }

    /** Volume of one voxel in mm³, taking the slice spacing (not thickness) as its depth. */
    public double voxelVolumeMm3() {
        return rowSpacing * columnSpacing * sliceSpacing;
    }

    /** rowDirection × columnDirection: the direction in which slices follow each other. */
    public double[] normal() {
        return cross(rowDirection, columnDirection);
    }

    /** Patient coordinates (mm) of the centre of voxel (x, y, z); fractional indices allowed. */
    public double[] toPatient(double x, double y, int z) {
        double[] p = slicePositions[z];
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = p[i] + x * columnSpacing * rowDirection[i] + y * rowSpacing * columnDirection[i];
        }
        return out;
    }

    public static double[] cross(double[] a, double[] b) {
        return new double[] {
            a[1] * b[2] - a[2] * b[1],
            a[2] * b[0] - a[0] * b[2],
            a[0] * b[1] - a[1] * b[0]};
    }

    public static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    @Override
    public String toString() {
        return columns + "x" + rows + "x" + slices() + " voxels of "
                + String.format("%.3fx%.3fx%.3f mm", columnSpacing, rowSpacing, sliceSpacing)
                + ", row direction " + Arrays.toString(rowDirection) + ", column direction " + Arrays.toString(columnDirection);
    }
}
