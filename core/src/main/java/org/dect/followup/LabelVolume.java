package org.dect.followup;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.dect.InputException;

/**
 * The label volume a decompose run wrote (nifti/labels.nii.gz, uint8), with its voxel-to-patient
 * affine in DICOM's LPS millimetres (NIfTI's RAS, x and y negated back). Reads what
 * {@link org.dect.format.NiftiWriter} writes, and refuses other NIfTI files by name.
 *
 * @param affine 3×4, row r: patient coordinate r = affine[r][0..2] · (i, j, k) + affine[r][3]
 */
public record LabelVolume(int nx, int ny, int nz, double[][] affine, byte[] labels) {

    public static LabelVolume read(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] header = new DataInputStream(in).readNBytes(352);
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            if (header.length < 352 || h.getInt(0) != 348 || h.getShort(70) != 2 || h.getShort(254) < 1) {
                throw new InputException(file + " is not a dect label volume (uint8 NIfTI-1 with an sform): "
                        + "give the nifti/labels.nii.gz a decompose run with --outputs ...,nifti wrote.");
            }
            int nx = h.getShort(42);
            int ny = h.getShort(44);
            int nz = h.getShort(46);
            double[][] a = new double[3][4];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    a[r][c] = h.getFloat(280 + 16 * r + 4 * c) * (r < 2 ? -1 : 1); // RAS → LPS
                }
            }
            int skip = (int) h.getFloat(108) - 352;
            in.readNBytes(Math.max(0, skip));
            byte[] labels = in.readNBytes(nx * ny * nz);
            if (labels.length != nx * ny * nz) {
                throw new InputException(file + " is cut short: " + labels.length + " of " + nx * ny * nz + " voxels.");
            }
            return new LabelVolume(nx, ny, nz, a, labels);
        } catch (IOException e) {
            throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public byte at(int i, int j, int k) {
        return labels[(k * ny + j) * nx + i];
    }

    /** Patient coordinates (LPS, mm) of voxel (i, j, k). */
    public double[] toPatient(double i, double j, double k) {
        double[] p = new double[3];
        for (int r = 0; r < 3; r++) {
            p[r] = affine[r][0] * i + affine[r][1] * j + affine[r][2] * k + affine[r][3];
        }
        return p;
    }
}
