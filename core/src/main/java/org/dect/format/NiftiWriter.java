package org.dect.format;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.dect.volume.VolumeGeometry;

/**
 * Volumes as gzipped NIfTI-1 files (.nii.gz), the format 3D Slicer, ITK-SNAP, FSL and nibabel read.
 * Written here, not with a library: no NIfTI-1 writer on Maven Central is kept up, and the format is a
 * 348-byte header before the voxels.
 *
 * <p>NIfTI's world is RAS+ (x grows towards the patient's right, y anterior, z superior), DICOM's is
 * LPS+ (x towards the left, y posterior): the affine is DICOM's with x and y negated. Both the sform
 * (code 1, scanner anatomical) and the qform (the same rotation as a quaternion, with qfac −1 when the
 * slices run left-handed) are set, since readers differ in which one they trust (nibabel the sform,
 * ITK the qform when both are there and agree). Voxel (i, j, k) is column i, row j of slice k, slices
 * in the geometry's order.
 */
public final class NiftiWriter {

    private NiftiWriter() { }

    /** How the voxels are stored. */
    public enum Type {
        UINT8(2, 8), INT16(4, 16);

        final short code;
        final short bits;

        Type(int code, int bits) {
            this.code = (short) code;
            this.bits = (short) bits;
        }
    }

    /**
     * @param slices     slice k's voxels, row by row: a byte[] for UINT8, a short[] for INT16
     * @param slope      value = stored · slope + intercept (NIfTI's scl_slope; 1 for labels)
     * @param description up to 79 ASCII characters, shown by most readers
     */
    public static void write(Path file, VolumeGeometry g, Type type, IntFunction<Object> slices, double slope, double intercept,
                             String description) throws IOException {
        try (OutputStream out = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16) {
            { def.setLevel(Deflater.BEST_SPEED); }
        }, 1 << 16)) {
            out.write(header(g, type, slope, intercept, description));
            ByteBuffer row = ByteBuffer.allocate(g.columns() * g.rows() * type.bits / 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < g.slices(); k++) {
                row.clear();
                Object s = slices.apply(k);
                if (type == Type.UINT8) {
                    row.put((byte[]) s);
                } else {
                    row.asShortBuffer().put((short[]) s);
                }
                out.write(row.array());
            }
        }
    }

    /** The voxel-to-RAS affine, 4×4 row by row: what a reader's affine must be. */
    public static double[][] affine(VolumeGeometry g) {
        double[] p0 = g.slicePositions()[0];
        double[] step = g.slices() > 1 ? sliceStep(g) : scaled(g.normal(), g.sliceSpacing());
        double[][] columns = {scaled(g.rowDirection(), g.columnSpacing()), scaled(g.columnDirection(), g.rowSpacing()), step, p0};
        double[][] m = new double[4][4];
        for (int r = 0; r < 3; r++) {
            double sign = r < 2 ? -1 : 1; // LPS to RAS
            for (int c = 0; c < 4; c++) {
                m[r][c] = sign * columns[c][r];
            }
        }
        m[3][3] = 1;
        return m;
    }

    /** From the first slice to the last, over the steps between them: the exact mean step. */
    private static double[] sliceStep(VolumeGeometry g) {
        double[] first = g.slicePositions()[0];
        double[] last = g.slicePositions()[g.slices() - 1];
        double[] d = new double[3];
        for (int i = 0; i < 3; i++) {
            d[i] = (last[i] - first[i]) / (g.slices() - 1);
        }
        return d;
    }

    private static double[] scaled(double[] v, double s) {
        return new double[] {v[0] * s, v[1] * s, v[2] * s};
    }

    static byte[] header(VolumeGeometry g, Type type, double slope, double intercept, String description) {
        ByteBuffer h = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
        double[][] m = affine(g);
        double[] spacing = new double[3];
        for (int c = 0; c < 3; c++) {
            spacing[c] = Math.sqrt(m[0][c] * m[0][c] + m[1][c] * m[1][c] + m[2][c] * m[2][c]);
        }
        h.putInt(0, 348);
        h.put(38, (byte) 'r');
        short[] dim = {3, (short) g.columns(), (short) g.rows(), (short) g.slices(), 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            h.putShort(40 + 2 * i, dim[i]);
        }
        h.putShort(70, type.code);
        h.putShort(72, type.bits);
        double[] q = quaternion(m, spacing);
        h.putFloat(76, (float) q[3]); // pixdim[0] is qfac
        for (int i = 0; i < 3; i++) {
            h.putFloat(80 + 4 * i, (float) spacing[i]);
        }
        h.putFloat(108, 352);
        h.putFloat(112, (float) slope);
        h.putFloat(116, (float) intercept);
        h.put(123, (byte) 2); // mm
        byte[] text = description.getBytes(StandardCharsets.US_ASCII);
        h.put(148, text, 0, Math.min(79, text.length));
        h.putShort(252, (short) 1); // qform: scanner anatomical
        h.putShort(254, (short) 1); // sform: the same
        for (int i = 0; i < 3; i++) {
            h.putFloat(256 + 4 * i, (float) q[i]);
            h.putFloat(268 + 4 * i, (float) m[i][3]);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                h.putFloat(280 + 16 * r + 4 * c, (float) m[r][c]);
            }
        }
        h.put(344, new byte[] {'n', '+', '1', 0});
        return h.array(); // bytes 348–351: no extension
    }

    /**
     * The affine's rotation as NIfTI's quaternion {b, c, d, qfac}, following nifti1_io's
     * mat44_to_quatern: a left-handed matrix has its third column negated and qfac −1.
     */
    static double[] quaternion(double[][] m, double[] spacing) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = m[i][j] / spacing[j];
            }
        }
        double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
        double qfac = 1;
        if (det < 0) {
            qfac = -1;
            for (int i = 0; i < 3; i++) {
                r[i][2] = -r[i][2];
            }
        }
        double a = r[0][0] + r[1][1] + r[2][2] + 1;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r[2][1] - r[1][2]) / a;
            c = 0.25 * (r[0][2] - r[2][0]) / a;
            d = 0.25 * (r[1][0] - r[0][1]) / a;
        } else {
            double xd = 1 + r[0][0] - (r[1][1] + r[2][2]);
            double yd = 1 + r[1][1] - (r[0][0] + r[2][2]);
            double zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r[0][1] + r[1][0]) / b;
                d = 0.25 * (r[0][2] + r[2][0]) / b;
                a = 0.25 * (r[2][1] - r[1][2]) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r[0][1] + r[1][0]) / c;
                d = 0.25 * (r[1][2] + r[2][1]) / c;
                a = 0.25 * (r[0][2] - r[2][0]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r[0][2] + r[2][0]) / d;
                c = 0.25 * (r[1][2] + r[2][1]) / d;
                a = 0.25 * (r[1][0] - r[0][1]) / d;
            }
            if (a < 0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new double[] {b, c, d, qfac};
    }
}
