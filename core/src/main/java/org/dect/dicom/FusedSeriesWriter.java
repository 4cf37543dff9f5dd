package org.dect.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import org.dect.OutputException;
import org.dect.ProgressListener;

/**
 * The fused colour series: one RGB Secondary Capture image per source slice, carrying the source's
 * study and frame of reference and each slice's position, orientation and pixel spacing, so viewers
 * that link by position scroll it with the CT. (Image Plane is not part of the SC IOD, so dciodvfy
 * notes those attributes as extra; that is a warning, never an error, and what makes linking work.)
 */
public final class FusedSeriesWriter {

    private FusedSeriesWriter() { }

    /** Writes IM0001.dcm … into {@code folder} (which must exist); returns the Series Instance UID. */
    public static String write(SourceSeries source, byte[][] rgb, DerivedSeriesSpec spec, Path folder, int threads,
                               ProgressListener progress) {
        String seriesUid = Uids.newUid();
        AtomicInteger done = new AtomicInteger();
        Parallel.map(IntStream.range(0, rgb.length).boxed().toList(), threads, z -> {
            Path file = folder.resolve(String.format(Locale.ROOT, "IM%04d.dcm", z + 1));
            try {
                AttributeList list = slice(source, rgb[z], spec, seriesUid, z);
                list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
            } catch (IOException | DicomException e) {
                throw new OutputException("Cannot write " + file + ": " + e.getMessage(), e);
            }
            progress.progress("fused", done.incrementAndGet(), rgb.length);
            return null;
        });
        return seriesUid;
    }

    private static AttributeList slice(SourceSeries source, byte[] rgb, DerivedSeriesSpec spec, String seriesUid, int z)
            throws DicomException {
        var g = source.geometry();
        AttributeList list = source.begin(SOPClass.SecondaryCaptureImageStorage, Uids.newUid(), "CT", seriesUid, spec, z + 1);
        CtSeriesWriter.put(list, TagFromName.ImageType, "DERIVED\\SECONDARY\\AXIAL");
        CtSeriesWriter.put(list, TagFromName.ConversionType, "WSD");
        CtSeriesWriter.put(list, TagFromName.PatientOrientation, patientOrientation(g.rowDirection(), g.columnDirection()));
        source.putPlane(list, z);
        CtSeriesWriter.put(list, TagFromName.BurnedInAnnotation, "NO");
        CtSeriesWriter.put(list, TagFromName.SamplesPerPixel, "3");
        CtSeriesWriter.put(list, TagFromName.PhotometricInterpretation, "RGB");
        CtSeriesWriter.put(list, TagFromName.PlanarConfiguration, "0");
        CtSeriesWriter.put(list, TagFromName.Rows, Integer.toString(g.rows()));
        CtSeriesWriter.put(list, TagFromName.Columns, Integer.toString(g.columns()));
        CtSeriesWriter.put(list, TagFromName.BitsAllocated, "8");
        CtSeriesWriter.put(list, TagFromName.BitsStored, "8");
        CtSeriesWriter.put(list, TagFromName.HighBit, "7");
        CtSeriesWriter.put(list, TagFromName.PixelRepresentation, "0");
        list.put(source.sourceImages(TagFromName.SourceImageSequence, z));
        OtherByteAttribute pixels = new OtherByteAttribute(TagFromName.PixelData);
        pixels.setValues(rgb);
        list.put(pixels);
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "DECT");
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
