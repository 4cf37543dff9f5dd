package org.dect.dicom;

import java.nio.file.Path;
import java.util.function.IntFunction;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;

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
        String seriesUid = Uids.newUid();
        SliceFiles.write(source.geometry().slices(), folder, false, threads, progress, "fused",
                (z, uid) -> slice(source, rgb.apply(z), spec, seriesUid, z, uid));
        return seriesUid;
    }

    private static AttributeList slice(SourceSeries source, byte[] rgb, DerivedSeriesSpec spec, String seriesUid, int z, String uid)
            throws DicomException {
        var g = source.geometry();
        AttributeList list = source.begin(SOPClass.SecondaryCaptureImageStorage, uid, "CT", seriesUid, spec, z + 1);
        CtSeriesWriter.put(list, TagFromName.ImageType, "DERIVED\\SECONDARY\\AXIAL");
        CtSeriesWriter.put(list, TagFromName.ConversionType, "WSD");
        CtSeriesWriter.put(list, TagFromName.PatientOrientation, patientOrientation(g.rowDirection(), g.columnDirection()));
        source.putPlane(list, z);
        CtSeriesWriter.put(list, TagFromName.BurnedInAnnotation, "NO");
        CtSeriesWriter.putPixelModule(list, 3, "RGB", g.rows(), g.columns(), 8);
        CtSeriesWriter.put(list, TagFromName.PlanarConfiguration, "0");
        list.put(source.sourceImages(TagFromName.SourceImageSequence, z));
        list.put(source.referencedImages(z));
        OtherByteAttribute pixels = new OtherByteAttribute(TagFromName.PixelData);
        pixels.setValues(rgb);
        list.put(pixels);
        return list;
    }

    /**
     * Patient Orientation (PS3.3 C.7.6.1.1.1): the patient direction along the rows and down the
     * columns, from the dominant components of the direction cosines (L/R, P/A, H/F).
     */
    static String patientOrientation(double[] row, double[] column) {
        return direction(row) + "\\" + direction(column);
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
