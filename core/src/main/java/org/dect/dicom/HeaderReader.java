package org.dect.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.dect.dicom.SliceHeader.Acquisition;
import org.dect.dicom.SliceHeader.PixelEncoding;
import org.dect.dicom.SliceHeader.SeriesIdentity;
import org.dect.dicom.SliceHeader.SlicePlane;

/**
 * Reads the header of a DICOM file (everything before Pixel Data) into {@link SliceHeader}s: one for
 * a classic single-frame image, one per frame for an Enhanced (multi-frame) image, whose per-frame
 * values live in the Shared and Per-frame Functional Groups (PS3.3 C.7.6.16).
 */
final class HeaderReader {

    private HeaderReader() { }

    /**
     * Empty when the file parses as DICOM but is no image (DICOMDIR, report, presentation state). A
     * plain single-frame file is read by {@link QuickHeaderReader}, anything else by PixelMed.
     */
    static List<SliceHeader> read(Path file) throws IOException, DicomException {
        List<SliceHeader> quick = QuickHeaderReader.read(file);
        return quick != null ? quick : readWithPixelMed(file);
    }

    static List<SliceHeader> readWithPixelMed(Path file) throws IOException, DicomException {
        AttributeList list = new AttributeList();
        list.read(file.toFile(), TagFromName.PixelData);
        return fromAttributes(file, list);
    }

    static List<SliceHeader> fromAttributes(Path file, AttributeList list) {
        if (string(list, TagFromName.SOPClassUID) == null && string(list, TagFromName.MediaStorageSOPClassUID) == null) {
            throw new IllegalStateException("no SOP Class UID: the header is corrupt or the file is not DICOM");
        }
        String seriesUid = string(list, TagFromName.SeriesInstanceUID);
        int rows = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0);
        int columns = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
        if (seriesUid == null || rows == 0 || columns == 0) {
            return List.of();
        }
        String ts = string(list, TagFromName.TransferSyntaxUID);
        SeriesIdentity identity = new SeriesIdentity(string(list, TagFromName.StudyInstanceUID), seriesUid,
                string(list, TagFromName.FrameOfReferenceUID), string(list, TagFromName.Modality),
                string(list, TagFromName.SOPClassUID));
        String sopInstanceUid = string(list, TagFromName.SOPInstanceUID);
        Integer instanceNumber = integer(list, TagFromName.InstanceNumber);
        int frames = Math.max(1, Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1));

        AttributeList shared = firstItem(list, TagFromName.SharedFunctionalGroupsSequence);
        SequenceAttribute perFrame = (SequenceAttribute) list.get(TagFromName.PerFrameFunctionalGroupsSequence);
        List<SliceHeader> slices = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            AttributeList frame = perFrame != null && f < perFrame.getNumberOfItems()
                    ? perFrame.getItem(f).getAttributeList() : null;
            Lookup look = new Lookup(list, shared, frame);
            Acquisition acquisition = new Acquisition(
                    look.number(Tags.CT_XRAY_DETAILS_SEQUENCE, Tags.KVP),
                    look.string(Tags.CT_XRAY_DETAILS_SEQUENCE, Tags.FILTER_TYPE),
                    look.string(Tags.CT_XRAY_DETAILS_SEQUENCE, Tags.FILTER_MATERIAL),
                    look.string(Tags.CT_RECONSTRUCTION_SEQUENCE, TagFromName.ConvolutionKernel),
                    Attribute.getDelimitedStringValuesOrNull(list, TagFromName.ImageType),
                    string(list, TagFromName.SeriesDescription),
                    integer(list, TagFromName.SeriesNumber));
            double[] spacing = look.numbers(Tags.PIXEL_MEASURES_SEQUENCE, TagFromName.PixelSpacing);
            Double thickness = look.number(Tags.PIXEL_MEASURES_SEQUENCE, TagFromName.SliceThickness);
            SlicePlane plane = new SlicePlane(rows, columns,
                    spacing != null && spacing.length == 2 ? spacing[0] : Double.NaN,
                    spacing != null && spacing.length == 2 ? spacing[1] : Double.NaN,
                    exactly(3, look.numbers(Tags.PLANE_POSITION_SEQUENCE, TagFromName.ImagePositionPatient)),
                    exactly(6, look.numbers(Tags.PLANE_ORIENTATION_SEQUENCE, TagFromName.ImageOrientationPatient)),
                    thickness == null ? Double.NaN : thickness);
            Double slope = look.number(Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, TagFromName.RescaleSlope);
            Double intercept = look.number(Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, TagFromName.RescaleIntercept);
            PixelEncoding encoding = new PixelEncoding(ts == null ? "1.2.840.10008.1.2" : ts,
                    Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 16),
                    Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsStored,
                            Attribute.getSingleIntegerValueOrDefault(list, TagFromName.BitsAllocated, 16)),
                    Attribute.getSingleIntegerValueOrDefault(list, TagFromName.PixelRepresentation, 0) == 1,
                    Attribute.getSingleIntegerValueOrDefault(list, TagFromName.SamplesPerPixel, 1),
                    string(list, TagFromName.PhotometricInterpretation),
                    slope == null || slope == 0 ? 1.0 : slope,
                    intercept == null ? 0.0 : intercept);
            slices.add(new SliceHeader(file, f, frames, sopInstanceUid, instanceNumber, identity, acquisition, plane, encoding));
        }
        return slices;
    }

    /** Finds an attribute in the per-frame item's macro, then the shared one, then the top level. */
    private record Lookup(AttributeList top, AttributeList shared, AttributeList frame) {

        Attribute find(AttributeTag macro, AttributeTag tag) {
            for (AttributeList groups : new AttributeList[] {frame, shared}) {
                for (AttributeTag sequence : new AttributeTag[] {macro, Tags.UNASSIGNED_PER_FRAME_CONVERTED_SEQUENCE,
                        Tags.UNASSIGNED_SHARED_CONVERTED_SEQUENCE}) {
                    AttributeList item = groups == null ? null : firstItem(groups, sequence);
                    if (item != null && item.get(tag) != null && item.get(tag).getVM() > 0) {
                        return item.get(tag);
                    }
                }
            }
            return top.get(tag);
        }

        String string(AttributeTag macro, AttributeTag tag) {
            Attribute a = find(macro, tag);
            String s = a == null ? null : Attribute.getDelimitedStringValuesOrNull(a);
            return s == null || s.isBlank() ? null : s.trim();
        }

        Double number(AttributeTag macro, AttributeTag tag) {
            double[] values = numbers(macro, tag);
            return values == null || values.length == 0 ? null : values[0];
        }

        double[] numbers(AttributeTag macro, AttributeTag tag) {
            Attribute a = find(macro, tag);
            try {
                return a == null || a.getVM() == 0 ? null : a.getDoubleValues();
            } catch (DicomException | NumberFormatException e) {
                return null;
            }
        }
    }

    private static AttributeList firstItem(AttributeList list, AttributeTag sequence) {
        Attribute a = list.get(sequence);
        if (a instanceof SequenceAttribute seq && seq.getNumberOfItems() > 0) {
            return seq.getItem(0).getAttributeList();
        }
        return null;
    }

    private static double[] exactly(int n, double[] values) {
        return values != null && values.length == n ? values : null;
    }

    private static String string(AttributeList list, AttributeTag tag) {
        String s = Attribute.getSingleStringValueOrNull(list, tag);
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Integer integer(AttributeList list, AttributeTag tag) {
        Attribute a = list.get(tag);
        if (a == null || a.getVM() == 0) {
            return null;
        }
        try {
            return Integer.valueOf(a.getSingleStringValueOrEmptyString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
