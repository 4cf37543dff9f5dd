package org.dect.dicom.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.io.DicomInputStream;

import org.dect.dicom.read.SliceHeader.Acquisition;
import org.dect.dicom.read.SliceHeader.PixelData;
import org.dect.dicom.read.SliceHeader.PixelEncoding;
import org.dect.dicom.read.SliceHeader.SeriesIdentity;
import org.dect.dicom.read.SliceHeader.SlicePlane;

/**
 * Reads the header of a DICOM file (everything before Pixel Data, with dcm4che's parser) into
 * {@link SliceHeader}s: one for a classic single-frame image, one per frame for an Enhanced (multi-frame)
 * image, whose per-frame values live in the Shared and Per-frame Functional Groups (PS3.3 C.7.6.16), or
 * for Legacy Converted Enhanced images in the Unassigned Converted Attributes (C.7.6.16.2.25). Where
 * Pixel Data starts is kept, so that decoding reads the pixels without parsing the header again.
 */
public final class HeaderReader {

    private HeaderReader() { }

    /** A header as dcm4che parsed it, with the position of Pixel Data (absent: not an image). */
    record Parsed(Attributes attributes, String transferSyntax, PixelData pixelData) { }

    /** Empty when the file parses as DICOM but is no image (DICOMDIR, report, presentation state). */
    public static List<SliceHeader> read(Path file) throws IOException {
        return fromAttributes(file, parse(file));
    }

    /**
     * Parses up to Pixel Data. dcm4che's limit on what one value may allocate, the file's length,
     * turns a corrupt length into an error instead of an attempt to allocate gigabytes. What dcm4che
     * throws on malformed data other than an IOException (a bad sequence, an impossible length) is
     * the file's fault as well, and is reported as such; only failures after parsing are dect's.
     */
    static Parsed parse(Path file) throws IOException {
        try {
            return parseWithDcm4che(file);
        } catch (RuntimeException | StackOverflowError e) {
            throw new IOException("malformed DICOM (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }

    private static Parsed parseWithDcm4che(Path file) throws IOException {
        try (DicomInputStream in = DicomInputStream.createWithLimitFromFileLength(file.toFile())) {
            Attributes attributes = in.readDatasetUntilPixelData();
            Attributes meta = in.getFileMetaInformation();
            if (meta != null) {
                attributes.addAll(meta); // transfer syntax and media SOP class beside the data set, as one lookup
            }
            String ts = in.getTransferSyntax();
            PixelData pixels = null;
            if (in.tag() == Tag.PixelData && in.level() == 0) {
                boolean deflated = ts.equals(UID.DeflatedExplicitVRLittleEndian);
                pixels = new PixelData(deflated ? PixelData.NOT_IN_FILE : in.getPosition(),
                        in.length() == -1 ? PixelData.ENCAPSULATED : in.unsignedLength());
            }
            return new Parsed(attributes, ts, pixels);
        }
    }

    static List<SliceHeader> fromAttributes(Path file, Parsed parsed) throws IOException {
        Attributes top = parsed.attributes();
        if (text(top, Tag.SOPClassUID) == null && text(top, Tag.MediaStorageSOPClassUID) == null) {
            throw new IOException("no SOP Class UID: the header is corrupt or the file is not DICOM");
        }
        String seriesUid = text(top, Tag.SeriesInstanceUID);
        int rows = top.getInt(Tag.Rows, 0);
        int columns = top.getInt(Tag.Columns, 0);
        if (seriesUid == null || rows <= 0 || columns <= 0 || parsed.pixelData() == null) {
            return List.of();
        }
        PixelData pixels = parsed.pixelData();
        if (pixels.offset() >= 0 && !pixels.encapsulated() && pixels.offset() + pixels.length() > Files.size(file)) {
            throw new IOException("file is truncated: Pixel Data should hold " + pixels.length() + " bytes, the file ends "
                    + (pixels.offset() + pixels.length() - Files.size(file)) + " bytes short");
        }
        SeriesIdentity identity = new SeriesIdentity(text(top, Tag.StudyInstanceUID), seriesUid,
                text(top, Tag.FrameOfReferenceUID), text(top, Tag.Modality), text(top, Tag.SOPClassUID));
        String sopInstanceUid = text(top, Tag.SOPInstanceUID);
        Integer instanceNumber = integer(top, Tag.InstanceNumber);
        Integer frameValue = integer(top, Tag.NumberOfFrames);
        int frames = frameValue == null ? 1 : frameValue;
        if (frames < 1) {
            throw new IOException("Number of Frames is " + frames);
        }
        int bitsAllocated = top.getInt(Tag.BitsAllocated, 16);

        Attributes shared = top.getNestedDataset(Tag.SharedFunctionalGroupsSequence);
        Sequence perFrame = top.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        List<SliceHeader> slices = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            Attributes frame = perFrame != null && f < perFrame.size() ? perFrame.get(f) : null;
            Lookup look = new Lookup(top, shared, frame);
            Acquisition acquisition = new Acquisition(
                    look.number(Tag.CTXRayDetailsSequence, Tag.KVP),
                    look.joined(Tag.CTXRayDetailsSequence, Tag.FilterType),
                    look.joined(Tag.CTXRayDetailsSequence, Tag.FilterMaterial),
                    look.joined(Tag.CTReconstructionSequence, Tag.ConvolutionKernel),
                    joined(top, Tag.ImageType),
                    text(top, Tag.SeriesDescription),
                    integer(top, Tag.SeriesNumber),
                    integer(top, Tag.AcquisitionNumber));
            double[] spacing = look.numbers(Tag.PixelMeasuresSequence, Tag.PixelSpacing);
            Double thickness = look.number(Tag.PixelMeasuresSequence, Tag.SliceThickness);
            SlicePlane plane = new SlicePlane(rows, columns,
                    spacing != null && spacing.length == 2 ? spacing[0] : Double.NaN,
                    spacing != null && spacing.length == 2 ? spacing[1] : Double.NaN,
                    exactly(3, look.numbers(Tag.PlanePositionSequence, Tag.ImagePositionPatient)),
                    exactly(6, look.numbers(Tag.PlaneOrientationSequence, Tag.ImageOrientationPatient)),
                    thickness == null ? Double.NaN : thickness);
            Double slope = look.number(Tag.PixelValueTransformationSequence, Tag.RescaleSlope);
            Double intercept = look.number(Tag.PixelValueTransformationSequence, Tag.RescaleIntercept);
            PixelEncoding encoding = new PixelEncoding(parsed.transferSyntax(), bitsAllocated,
                    top.getInt(Tag.BitsStored, bitsAllocated), top.getInt(Tag.PixelRepresentation, 0) == 1,
                    top.getInt(Tag.SamplesPerPixel, 1), text(top, Tag.PhotometricInterpretation),
                    slope == null ? Double.NaN : slope, intercept == null ? Double.NaN : intercept);
            slices.add(new SliceHeader(file, f, frames, sopInstanceUid, instanceNumber, identity, acquisition, plane, encoding,
                    pixels));
        }
        return slices;
    }

    /** Finds an attribute in the per-frame item's macro, then the shared one, then the top level. */
    private record Lookup(Attributes top, Attributes shared, Attributes frame) {

        private static final int[] CONVERTED = {Tag.UnassignedPerFrameConvertedAttributesSequence,
            Tag.UnassignedSharedConvertedAttributesSequence};

        Attributes holder(int macro, int tag) {
            for (Attributes groups : new Attributes[] {frame, shared}) {
                if (groups == null) {
                    continue;
                }
                Attributes item = groups.getNestedDataset(macro);
                if (item != null && item.containsValue(tag)) {
                    return item;
                }
                for (int sequence : CONVERTED) {
                    item = groups.getNestedDataset(sequence);
                    if (item != null && item.containsValue(tag)) {
                        return item;
                    }
                }
            }
            return top;
        }

        String joined(int macro, int tag) {
            return HeaderReader.joined(holder(macro, tag), tag);
        }

        Double number(int macro, int tag) {
            double[] values = numbers(macro, tag);
            return values == null || values.length == 0 ? null : values[0];
        }

        double[] numbers(int macro, int tag) {
            return HeaderReader.numbers(holder(macro, tag), tag);
        }
    }

    private static double[] exactly(int n, double[] values) {
        return values != null && values.length == n ? values : null;
    }

    /** The first value, trimmed; null when absent or blank. */
    private static String text(Attributes a, int tag) {
        String s = a.getString(tag);
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** All values, each trimmed, joined by backslashes; null when absent or blank. */
    static String joined(Attributes a, int tag) {
        String[] values = a.getStrings(tag);
        if (values == null || values.length == 0) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            s.append(i > 0 ? "\\" : "").append(values[i] == null ? "" : values[i].trim());
        }
        return s.toString().isBlank() ? null : s.toString();
    }

    /** All values as numbers; null when absent, empty or not all numbers (a DS such as "1.5d" or "NaN"). */
    private static double[] numbers(Attributes a, int tag) {
        String[] values = a.getStrings(tag);
        if (values == null || values.length == 0) {
            return null;
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                return null;
            }
            String v = values[i].trim();
            // Java would read "1.5d", "NaN" and "Infinity"; a DICOM decimal holds only these characters.
            if (v.isEmpty() || !v.chars().allMatch(c -> "0123456789+-.eE".indexOf(c) >= 0)) {
                return null;
            }
            try {
                out[i] = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    private static Integer integer(Attributes a, int tag) {
        double[] values = numbers(a, tag);
        return values == null || values[0] != Math.rint(values[0]) || Math.abs(values[0]) > Integer.MAX_VALUE
                ? null : (int) values[0];
    }
}
