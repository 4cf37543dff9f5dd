package org.dect.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import org.dect.Bytes;
import org.dect.OutputException;
import org.dect.decompose.LabelCounts;
import org.dect.volume.VolumeGeometry;

/**
 * A binary DICOM Segmentation (PS3.3 A.51) of the label volume: one frame per segment and source slice
 * that holds any of it (empty frames are left out), with complete functional groups: Pixel Measures and
 * Plane Orientation shared; Plane Position, Derivation Image (the low and high source slices), Frame
 * Content and Segment Identification per frame; dimensions segment number × image position.
 * Written attribute by attribute: PixelMed's own converter leaves out the geometry groups.
 */
public final class SegmentationWriter {

    private static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    private static final AttributeTag SEGMENT_IDENTIFICATION_SEQUENCE = new AttributeTag(0x0062, 0x000A);
    private static final AttributeTag REFERENCED_SEGMENT_NUMBER = new AttributeTag(0x0062, 0x000B);
    private static final AttributeTag SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE = new AttributeTag(0x0062, 0x0007);
    private static final AttributeTag ALGORITHM_FAMILY_CODE_SEQUENCE = new AttributeTag(0x0066, 0x002F);
    private static final AttributeTag ALGORITHM_NAME = new AttributeTag(0x0066, 0x0036);
    private static final AttributeTag ALGORITHM_VERSION = new AttributeTag(0x0066, 0x0031);
    private static final AttributeTag ALGORITHM_PARAMETERS = new AttributeTag(0x0066, 0x0032);
    private static final AttributeTag SEGMENT_DESCRIPTION = new AttributeTag(0x0062, 0x0006);
    private static final AttributeTag SEGMENT_ALGORITHM_NAME = new AttributeTag(0x0062, 0x0009);

    private SegmentationWriter() { }

    /** Writes the SEG to {@code file}; returns its Series Instance UID. Throws if no segment has a voxel. */
    public static String write(SourceSeries source, byte[][] labels, LabelCounts counts, List<SegmentDescription> segments,
                               AlgorithmInfo algorithm,
                               DerivedSeriesSpec spec, Path file) {
        List<int[]> frames = new ArrayList<>(); // {segment index, slice}
        for (int s = 0; s < segments.size(); s++) {
            for (int z = 0; z < labels.length; z++) {
                if (counts.inSlice(z, segments.get(s).label()) > 0) {
                    frames.add(new int[] {s, z});
                }
            }
        }
        String seriesUid = Uids.newUid();
        try {
            AttributeList list = source.begin(SEGMENTATION_STORAGE, Uids.newUid(), "SEG", seriesUid, spec, 1);
            // dciodvfy: Laterality may not be present in a SEG unless its condition holds, which it cannot check here.
            list.remove(TagFromName.Laterality);
            putImage(list, source.geometry(), frames.size());
            list.put(segmentSequence(segments, algorithm));
            list.put(sharedGroups(source));
            list.put(perFrameGroups(source, segments, frames));
            putDimensions(list);
            list.put(referencedSeries(source));
            OtherByteAttribute pixels = new OtherByteAttribute(TagFromName.PixelData);
            pixels.setValues(pack(labels, segments, frames, source.geometry()));
            list.put(pixels);
            FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "DECT");
            list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        } catch (IOException | DicomException e) {
            throw new OutputException("Cannot write segmentation " + file + ": " + e.getMessage(), e);
        }
        return seriesUid;
    }

    private static void putImage(AttributeList list, VolumeGeometry g, int frames) throws DicomException {
        CtSeriesWriter.put(list, TagFromName.ImageType, "DERIVED\\PRIMARY");
        CtSeriesWriter.put(list, TagFromName.ContentLabel, "DECT_MATERIALS");
        CtSeriesWriter.put(list, TagFromName.ContentDescription, "Urate and calcium from dual-energy CT");
        CtSeriesWriter.put(list, TagFromName.ContentCreatorName, null);
        CtSeriesWriter.put(list, TagFromName.DeviceSerialNumber, "1");
        CtSeriesWriter.putPixelModule(list, 1, "MONOCHROME2", g.rows(), g.columns(), 1);
        CtSeriesWriter.put(list, TagFromName.LossyImageCompression, "00");
        CtSeriesWriter.put(list, TagFromName.SegmentationType, "BINARY");
        CtSeriesWriter.put(list, TagFromName.NumberOfFrames, Integer.toString(frames));
    }

    private static SequenceAttribute segmentSequence(List<SegmentDescription> segments, AlgorithmInfo algorithm) throws DicomException {
        SequenceAttribute seq = new SequenceAttribute(TagFromName.SegmentSequence);
        for (SegmentDescription s : segments) {
            AttributeList item = new AttributeList();
            CtSeriesWriter.put(item, TagFromName.SegmentNumber, Integer.toString(s.number()));
            CtSeriesWriter.put(item, TagFromName.SegmentLabel, s.name());
            CtSeriesWriter.put(item, SEGMENT_DESCRIPTION, s.description());
            item.put(coded(TagFromName.SegmentedPropertyCategoryCodeSequence, s.category()));
            item.put(coded(TagFromName.SegmentedPropertyTypeCodeSequence, s.type()));
            CtSeriesWriter.put(item, TagFromName.SegmentAlgorithmType, "AUTOMATIC");
            CtSeriesWriter.put(item, SEGMENT_ALGORITHM_NAME, algorithm.name());
            SequenceAttribute ident = new SequenceAttribute(SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE);
            AttributeList a = new AttributeList();
            a.put(coded(ALGORITHM_FAMILY_CODE_SEQUENCE, Codes.MULTISPECTRAL_PROCESSING));
            CtSeriesWriter.put(a, ALGORITHM_NAME, algorithm.name());
            CtSeriesWriter.put(a, ALGORITHM_VERSION, algorithm.version());
            CtSeriesWriter.put(a, ALGORITHM_PARAMETERS, algorithm.parameters());
            ident.addItem(a);
            item.put(ident);
            CtSeriesWriter.put(item, TagFromName.RecommendedDisplayCIELabValue,
                    s.cieLab()[0] + "\\" + s.cieLab()[1] + "\\" + s.cieLab()[2]);
            seq.addItem(item);
        }
        return seq;
    }

    static SequenceAttribute coded(AttributeTag tag, Code code) throws DicomException {
        SequenceAttribute seq = new SequenceAttribute(tag);
        seq.addItem(new CodedSequenceItem(code.value(), code.scheme(), code.meaning()).getAttributeList());
        return seq;
    }

    private static SequenceAttribute sharedGroups(SourceSeries source) throws DicomException {
        VolumeGeometry g = source.geometry();
        AttributeList measures = new AttributeList();
        CtSeriesWriter.put(measures, TagFromName.PixelSpacing, CtSeriesWriter.decimal(g.rowSpacing()) + "\\" + CtSeriesWriter.decimal(g.columnSpacing()));
        CtSeriesWriter.put(measures, TagFromName.SliceThickness,
                CtSeriesWriter.decimal(Double.isNaN(g.sliceThickness()) ? g.sliceSpacing() : g.sliceThickness()));
        CtSeriesWriter.put(measures, TagFromName.SpacingBetweenSlices, CtSeriesWriter.decimal(g.sliceSpacing()));
        AttributeList orientation = new AttributeList();
        CtSeriesWriter.put(orientation, TagFromName.ImageOrientationPatient, source.orientation());
        AttributeList shared = new AttributeList();
        shared.put(single(TagFromName.PixelMeasuresSequence, measures));
        shared.put(single(TagFromName.PlaneOrientationSequence, orientation));
        return single(TagFromName.SharedFunctionalGroupsSequence, shared);
    }

    private static SequenceAttribute perFrameGroups(SourceSeries source, List<SegmentDescription> segments, List<int[]> frames)
            throws DicomException {
        SequenceAttribute seq = new SequenceAttribute(TagFromName.PerFrameFunctionalGroupsSequence);
        for (int[] f : frames) {
            SegmentDescription s = segments.get(f[0]);
            int z = f[1];
            AttributeList item = new AttributeList();
            AttributeList content = new AttributeList();
            CtSeriesWriter.put(content, TagFromName.DimensionIndexValues, s.number() + "\\" + (z + 1));
            item.put(single(TagFromName.FrameContentSequence, content));
            AttributeList position = new AttributeList();
            CtSeriesWriter.put(position, TagFromName.ImagePositionPatient, source.position(z));
            item.put(single(TagFromName.PlanePositionSequence, position));
            AttributeList derivation = new AttributeList();
            derivation.put(source.sourceImages(TagFromName.SourceImageSequence, z));
            derivation.put(coded(TagFromName.DerivationCodeSequence, Codes.SEGMENTATION));
            item.put(single(TagFromName.DerivationImageSequence, derivation));
            AttributeList ident = new AttributeList();
            CtSeriesWriter.put(ident, REFERENCED_SEGMENT_NUMBER, Integer.toString(s.number()));
            item.put(single(SEGMENT_IDENTIFICATION_SEQUENCE, ident));
            seq.addItem(item);
        }
        return seq;
    }

    /** Dimensions: Referenced Segment Number, then Image Position (Patient) (PS3.3 C.7.6.17). */
    private static void putDimensions(AttributeList list) throws DicomException {
        String uid = Uids.newUid();
        AttributeList organization = new AttributeList();
        CtSeriesWriter.put(organization, TagFromName.DimensionOrganizationUID, uid);
        list.put(single(TagFromName.DimensionOrganizationSequence, organization));
        CtSeriesWriter.put(list, TagFromName.DimensionOrganizationType, "3D");
        SequenceAttribute index = new SequenceAttribute(TagFromName.DimensionIndexSequence);
        index.addItem(dimension(uid, REFERENCED_SEGMENT_NUMBER, SEGMENT_IDENTIFICATION_SEQUENCE, "Segment"));
        index.addItem(dimension(uid, TagFromName.ImagePositionPatient, TagFromName.PlanePositionSequence, "Position"));
        list.put(index);
    }

    private static AttributeList dimension(String uid, AttributeTag pointer, AttributeTag group, String label) throws DicomException {
        AttributeList item = new AttributeList();
        CtSeriesWriter.put(item, TagFromName.DimensionOrganizationUID, uid);
        AttributeTagAttribute p = new AttributeTagAttribute(TagFromName.DimensionIndexPointer);
        p.addValue(pointer);
        item.put(p);
        AttributeTagAttribute g = new AttributeTagAttribute(TagFromName.FunctionalGroupPointer);
        g.addValue(group);
        item.put(g);
        CtSeriesWriter.put(item, TagFromName.DimensionDescriptionLabel, label);
        return item;
    }

    /** Common Instance Reference: every source instance of both energies, by series. */
    private static SequenceAttribute referencedSeries(SourceSeries source) throws DicomException {
        SequenceAttribute seq = new SequenceAttribute(TagFromName.ReferencedSeriesSequence);
        for (List<SliceHeader> series : List.of(source.low(), source.high())) {
            Map<String, SliceHeader> instances = new LinkedHashMap<>();
            series.forEach(s -> instances.putIfAbsent(s.sopInstanceUid(), s));
            AttributeList item = new AttributeList();
            CtSeriesWriter.put(item, TagFromName.SeriesInstanceUID, series.get(0).identity().seriesUid());
            SequenceAttribute refs = new SequenceAttribute(TagFromName.ReferencedInstanceSequence);
            for (SliceHeader s : instances.values()) {
                AttributeList r = new AttributeList();
                CtSeriesWriter.put(r, TagFromName.ReferencedSOPClassUID, s.identity().sopClassUid());
                CtSeriesWriter.put(r, TagFromName.ReferencedSOPInstanceUID, s.sopInstanceUid());
                refs.addItem(r);
            }
            item.put(refs);
            seq.addItem(item);
        }
        return seq;
    }

    /** Frames one after another, bit by bit (the first pixel in the lowest bit); padded to an even length. */
    static byte[] pack(byte[][] labels, List<SegmentDescription> segments, List<int[]> frames, VolumeGeometry g) {
        int perFrame = g.rows() * g.columns();
        long bits = (long) perFrame * frames.size();
        byte[] out = new byte[(int) (((bits + 7) / 8 + 1) & ~1L)];
        long bit = 0;
        for (int[] f : frames) {
            packFrame(labels[f[1]], segments.get(f[0]).label(), perFrame, out, bit);
            bit += perFrame;
        }
        return out;
    }

    /** One frame's bits from {@code bit} on, first pixel in the lowest bit (PS3.5 8.1.1); a method per frame, which the JIT compiles early. */
    private static void packFrame(byte[] slice, byte label, int perFrame, byte[] out, long bit) {
        for (int i = Bytes.nextNonZero(slice, 0); i < perFrame; i = Bytes.nextNonZero(slice, i + 1)) {
            if (slice[i] == label) {
                long b = bit + i;
                out[(int) (b >>> 3)] |= (byte) (1 << (b & 7));
            }
        }
    }

    private static SequenceAttribute single(AttributeTag tag, AttributeList item) {
        SequenceAttribute seq = new SequenceAttribute(tag);
        seq.addItem(item);
        return seq;
    }

}
