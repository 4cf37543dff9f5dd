package org.dect.dicom.write;

import java.nio.file.Path;
import java.util.function.IntFunction;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;

import org.dect.ProgressListener;

/**
 * The fused colour series: one RGB Secondary Capture image per source slice, carrying the source's
 * study and frame of reference and each slice's position, orientation and pixel spacing, so viewers
 * that link by position scroll it with the CT. (Image Plane is not part of the SC IOD, so dciodvfy
 * notes those attributes as extra; that is a warning, never an error, and what makes linking work.)
 */
public final class FusedSeriesWriter {

    private FusedSeriesWriter() { }

    /**
     * Writes IM0001.dcm … into {@code folder} (which must exist), rendering each slice as it is written
     * (a whole fused volume would hold 3 bytes per voxel at once); returns the Series Instance UID.
     */
    public static String write(SourceSeries source, IntFunction<byte[]> rgb, DerivedSeriesSpec spec, Path folder, int threads,
                               ProgressListener progress) {
        String seriesUid = spec.uids().uid("series");
        SliceFiles.write(source.geometry().slices(), folder, false, spec.uids(), threads, progress, "fused",
                (z, uid) -> slice(source, rgb.apply(z), spec, seriesUid, z, uid));
        return seriesUid;
    }

    private static Attributes slice(SourceSeries source, byte[] rgb, DerivedSeriesSpec spec, String seriesUid, int z, String uid) {
        var g = source.geometry();
        Attributes a = source.begin(UID.SecondaryCaptureImageStorage, uid, "CT", seriesUid, spec, z + 1);
        a.setString(Tag.ImageType, VR.CS, "DERIVED", "SECONDARY", "AXIAL");
        a.setString(Tag.ConversionType, VR.CS, "WSD");
        a.setString(Tag.PatientOrientation, VR.CS, patientOrientation(g.rowDirection(), g.columnDirection()));
        source.putPlane(a, z);
        a.setString(Tag.BurnedInAnnotation, VR.CS, "NO");
        Pixels.putModule(a, 3, "RGB", g.rows(), g.columns(), 8);
        a.setInt(Tag.PlanarConfiguration, VR.US, 0);
        source.putSourceImages(a, z);
        source.putReferencedImages(a, z);
        a.setBytes(Tag.PixelData, VR.OB, rgb);
        return a;
    }

    /**
     * Patient Orientation (PS3.3 C.7.6.1.1.1): the patient direction along the rows and down the
     * columns, from the dominant components of the direction cosines (L/R, P/A, H/F).
     */
    static String[] patientOrientation(double[] row, double[] column) {
        return new String[] {direction(row), direction(column)};
    }

    private static String direction(double[] v) {
        StringBuilder s = new StringBuilder();
        char[][] letters = {{'L', 'R'}, {'P', 'A'}, {'H', 'F'}};
        Integer[] axes = {0, 1, 2};
        java.util.Arrays.sort(axes, (a, b) -> Double.compare(Math.abs(v[b]), Math.abs(v[a])));
        for (int axis : axes) {
            if (Math.abs(v[axis]) > 0.25) {
                s.append(v[axis] > 0 ? letters[axis][0] : letters[axis][1]);
            }
        }
        return s.toString();
    }
}
