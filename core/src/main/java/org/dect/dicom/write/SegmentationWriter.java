package org.dect.dicom.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;

import org.dect.Bytes;
import org.dect.OutputException;
import org.dect.decompose.LabelCounts;
import org.dect.dicom.read.SliceHeader;
import org.dect.volume.VolumeGeometry;
import org.dect.volume.VoxelSet;

/**
 * A binary DICOM Segmentation (PS3.3 A.51) of the label volume, one segment per material and then one
 * per deposit (which a measurement report refers to): one frame per segment and source slice
 * that holds any of it (empty frames are left out), with complete functional groups: Pixel Measures and
 * Plane Orientation shared; Plane Position, Derivation Image, Frame Content and Segment Identification
 * per frame; dimensions segment number × image position. It refers to one source series, the
 * low-kVp one, in its Common Instance Reference and in every frame, as highdicom requires: OHIF
 * attaches a SEG to one series and draws nothing when the frames name another. The high-kVp series is
 * named in the Derivation Description.
 */
public final class SegmentationWriter {

    private SegmentationWriter() { }

    /** What was written: the SEG's Series and SOP Instance UIDs. */
    public record Written(String seriesUid, String sopInstanceUid) { }

    /** Writes the SEG to {@code file}. */
    public static Written write(SourceSeries source, byte[][] labels, LabelCounts counts, List<SegmentDescription> segments,
                               AlgorithmInfo algorithm, DerivedSeriesSpec spec, Path file) {
        List<int[]> frames = new ArrayList<>(); // {segment index, slice}
        for (int s = 0; s < segments.size(); s++) {
            for (int z = 0; z < labels.length; z++) {
                if (segments.get(s).inSlice(counts, z)) {
                    frames.add(new int[] {s, z});
                }
            }
        }
        String seriesUid = spec.uids().uid("series");
        String sopInstanceUid = spec.uids().uid("instance");
        Attributes a = source.begin(UID.SegmentationStorage, sopInstanceUid, "SEG", seriesUid, spec, 1);
        // dciodvfy: Laterality may not be present in a SEG unless its condition holds, which it cannot check here.
        a.remove(Tag.Laterality);
        putImage(a, source.geometry(), frames.size());
        putSegments(a, segments, algorithm);
        putSharedGroups(a, source);
        putPerFrameGroups(a, source, segments, frames);
        putDimensions(a, spec.uids().uid("dimension-organization"));
        putReferencedSeries(a, source);
        a.setBytes(Tag.PixelData, VR.OB, pack(labels, segments, frames, source.geometry()));
        try {
            Dicom.write(a, file);
        } catch (IOException e) {
            throw new OutputException("Cannot write segmentation " + file + ": " + e.getMessage(), e);
        }
        return new Written(seriesUid, sopInstanceUid);
    }

    private static void putImage(Attributes a, VolumeGeometry g, int frames) {
        a.setString(Tag.ImageType, VR.CS, "DERIVED", "PRIMARY");
        a.setString(Tag.ContentLabel, VR.CS, "DECT_MATERIALS");
        a.setString(Tag.ContentDescription, VR.LO, "Urate and calcium from dual-energy CT");
        a.setNull(Tag.ContentCreatorName, VR.PN);
        a.setString(Tag.DeviceSerialNumber, VR.LO, "1");
        Pixels.putModule(a, 1, "MONOCHROME2", g.rows(), g.columns(), 1);
        a.setString(Tag.LossyImageCompression, VR.CS, "00");
        a.setString(Tag.SegmentationType, VR.CS, "BINARY");
        a.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
    }

    private static void putSegments(Attributes a, List<SegmentDescription> segments, AlgorithmInfo algorithm) {
        Sequence seq = a.newSequence(Tag.SegmentSequence, segments.size());
        for (SegmentDescription s : segments) {
            Attributes item = new Attributes();
            item.setInt(Tag.SegmentNumber, VR.US, s.number());
            item.setString(Tag.SegmentLabel, VR.LO, s.name());
            item.setString(Tag.SegmentDescription, VR.ST, s.description());
            Dicom.setCode(item, Tag.SegmentedPropertyCategoryCodeSequence, s.category());
            Dicom.setCode(item, Tag.SegmentedPropertyTypeCodeSequence, s.type());
            item.setString(Tag.SegmentAlgorithmType, VR.CS, "AUTOMATIC");
            item.setString(Tag.SegmentAlgorithmName, VR.LO, algorithm.name());
            Attributes ident = Dicom.newItem(item, Tag.SegmentationAlgorithmIdentificationSequence);
            Dicom.setCode(ident, Tag.AlgorithmFamilyCodeSequence, Codes.MULTISPECTRAL_PROCESSING);
            ident.setString(Tag.AlgorithmName, VR.LO, algorithm.name());
            ident.setString(Tag.AlgorithmVersion, VR.LO, algorithm.version());
            ident.setString(Tag.AlgorithmParameters, VR.LT, algorithm.parameters());
            item.setInt(Tag.RecommendedDisplayCIELabValue, VR.US, s.cieLab());
            seq.add(item);
        }
    }

    private static void putSharedGroups(Attributes a, SourceSeries source) {
        VolumeGeometry g = source.geometry();
        Attributes shared = Dicom.newItem(a, Tag.SharedFunctionalGroupsSequence);
        Attributes measures = Dicom.newItem(shared, Tag.PixelMeasuresSequence);
        measures.setString(Tag.PixelSpacing, VR.DS, source.pixelSpacing());
        measures.setString(Tag.SliceThickness, VR.DS, source.sliceThickness());
        measures.setString(Tag.SpacingBetweenSlices, VR.DS, Dicom.ds(g.sliceSpacing()));
        Dicom.newItem(shared, Tag.PlaneOrientationSequence).setString(Tag.ImageOrientationPatient, VR.DS, source.orientation());
    }

    private static void putPerFrameGroups(Attributes a, SourceSeries source, List<SegmentDescription> segments, List<int[]> frames) {
        Sequence seq = a.newSequence(Tag.PerFrameFunctionalGroupsSequence, frames.size());
        for (int[] f : frames) {
            SegmentDescription s = segments.get(f[0]);
            int z = f[1];
            Attributes item = new Attributes();
            Dicom.newItem(item, Tag.FrameContentSequence).setInt(Tag.DimensionIndexValues, VR.UL, s.number(), z + 1);
            Dicom.newItem(item, Tag.PlanePositionSequence).setString(Tag.ImagePositionPatient, VR.DS, source.position(z));
            Attributes derivation = Dicom.newItem(item, Tag.DerivationImageSequence);
            source.putLowSourceImage(derivation, z);
            Dicom.setCode(derivation, Tag.DerivationCodeSequence, Codes.SEGMENTATION);
            Dicom.newItem(item, Tag.SegmentIdentificationSequence).setInt(Tag.ReferencedSegmentNumber, VR.US, s.number());
            seq.add(item);
        }
    }

    /** Dimensions: Referenced Segment Number, then Image Position (Patient) (PS3.3 C.7.6.17). */
    private static void putDimensions(Attributes a, String uid) {
        Dicom.newItem(a, Tag.DimensionOrganizationSequence).setString(Tag.DimensionOrganizationUID, VR.UI, uid);
        a.setString(Tag.DimensionOrganizationType, VR.CS, "3D");
        Sequence index = a.newSequence(Tag.DimensionIndexSequence, 2);
        index.add(dimension(uid, Tag.ReferencedSegmentNumber, Tag.SegmentIdentificationSequence, "Segment"));
        index.add(dimension(uid, Tag.ImagePositionPatient, Tag.PlanePositionSequence, "Position"));
    }

    private static Attributes dimension(String uid, int pointer, int group, String label) {
        Attributes item = new Attributes(4);
        item.setString(Tag.DimensionOrganizationUID, VR.UI, uid);
        item.setInt(Tag.DimensionIndexPointer, VR.AT, pointer);
        item.setInt(Tag.FunctionalGroupPointer, VR.AT, group);
        item.setString(Tag.DimensionDescriptionLabel, VR.LO, label);
        return item;
    }

    /** Common Instance Reference: every instance of the low-kVp series (one per file, whatever its frames). */
    private static void putReferencedSeries(Attributes a, SourceSeries source) {
        Map<String, SliceHeader> instances = new LinkedHashMap<>();
        source.low().forEach(s -> instances.putIfAbsent(s.sopInstanceUid(), s));
        Attributes item = Dicom.newItem(a, Tag.ReferencedSeriesSequence);
        item.setString(Tag.SeriesInstanceUID, VR.UI, source.low().get(0).identity().seriesUid());
        Sequence refs = item.newSequence(Tag.ReferencedInstanceSequence, instances.size());
        for (SliceHeader s : instances.values()) {
            Attributes r = new Attributes(2);
            r.setString(Tag.ReferencedSOPClassUID, VR.UI, s.identity().sopClassUid());
            r.setString(Tag.ReferencedSOPInstanceUID, VR.UI, s.sopInstanceUid());
            refs.add(r);
        }
    }

    /** Frames one after another, bit by bit (the first pixel in the lowest bit); padded to an even length. */
    static byte[] pack(byte[][] labels, List<SegmentDescription> segments, List<int[]> frames, VolumeGeometry g) {
        int perFrame = g.rows() * g.columns();
        long bits = (long) perFrame * frames.size();
        byte[] out = new byte[(int) (((bits + 7) / 8 + 1) & ~1L)];
        long bit = 0;
        for (int[] f : frames) {
            SegmentDescription s = segments.get(f[0]);
            if (s.voxels() == null) {
                packFrame(labels[f[1]], s.label(), perFrame, out, bit);
            } else {
                packVoxels(s.voxels(), f[1], g.columns(), out, bit);
            }
            bit += perFrame;
        }
        return out;
    }

    /** One deposit's voxels of slice z, as {@link #packFrame} packs a label's. */
    private static void packVoxels(VoxelSet v, int z, int columns, byte[] out, long bit) {
        for (int i = 0; i < v.size(); i++) {
            if (v.z(i) == z) {
                long b = bit + (long) v.y(i) * columns + v.x(i);
                out[(int) (b >>> 3)] |= (byte) (1 << (b & 7));
            }
        }
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
}
