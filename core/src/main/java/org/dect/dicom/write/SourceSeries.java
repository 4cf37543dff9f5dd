package org.dect.dicom.write;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.ElementDictionary;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomInputStream;

import org.dect.InputException;
import org.dect.dicom.read.SliceHeader;
import org.dect.volume.VolumeGeometry;

/**
 * The source of the derived objects: the patient and study attributes of the low-kVp series (copied
 * as the scanner wrote them), its frame of reference and geometry, and the sorted source slices of
 * both energies that each derived slice refers to. Everything that writes a derived object starts
 * from here, so that all of them share one study, one frame of reference and one way of referencing.
 */
public final class SourceSeries {

    /** Patient, General Study, Patient Study and series-level attributes a derived object keeps. */
    private static final int[] COPIED = {
        Tag.SpecificCharacterSet, Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.ReferringPhysicianName,
        Tag.StudyDescription, Tag.PatientName, Tag.PatientID, Tag.IssuerOfPatientID, Tag.PatientBirthDate, Tag.PatientSex,
        Tag.PatientAge, Tag.PatientSize, Tag.PatientWeight, Tag.BodyPartExamined, Tag.PatientPosition, Tag.StudyInstanceUID,
        Tag.StudyID, Tag.FrameOfReferenceUID, Tag.Laterality, Tag.PositionReferenceIndicator};

    /** Type 2 attributes of the modules every derived object has: present, if empty, when the source lacks them. */
    private static final int[] TYPE_2 = {Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.ReferringPhysicianName,
        Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate, Tag.PatientSex, Tag.StudyID, Tag.PositionReferenceIndicator};

    private final Attributes header;
    private final List<SliceHeader> low;
    private final List<SliceHeader> high;
    private final VolumeGeometry geometry;
    private final String contentDate;
    private final String contentTime;

    private SourceSeries(Attributes header, List<SliceHeader> low, List<SliceHeader> high, VolumeGeometry geometry) {
        this.header = header;
        this.low = List.copyOf(low);
        this.high = List.copyOf(high);
        this.geometry = geometry;
        LocalDateTime now = LocalDateTime.now();
        this.contentDate = now.format(DateTimeFormatter.BASIC_ISO_DATE);
        this.contentTime = now.format(DateTimeFormatter.ofPattern("HHmmss"));
    }

    /** Reads the patient and study attributes from the first low-kVp file. */
    public static SourceSeries of(List<SliceHeader> lowSorted, List<SliceHeader> highSorted, VolumeGeometry geometry) {
        Attributes first;
        try (DicomInputStream in = new DicomInputStream(lowSorted.get(0).file().toFile())) {
            first = in.readDatasetUntilPixelData();
        } catch (IOException | RuntimeException e) {
            throw new InputException("Cannot re-read " + lowSorted.get(0).file() + ": " + e.getMessage(), e);
        }
        Attributes kept = new Attributes(COPIED.length);
        kept.addSelected(first, COPIED);
        return new SourceSeries(kept, lowSorted, highSorted, geometry);
    }

    public VolumeGeometry geometry() {
        return geometry;
    }

    List<SliceHeader> low() {
        return low;
    }

    List<SliceHeader> high() {
        return high;
    }

    String studyUid() {
        return low.get(0).identity().studyUid();
    }

    String frameOfReferenceUid() {
        return low.get(0).identity().frameOfReferenceUid();
    }

    /**
     * Starts a derived object: the copied patient/study attributes (type 2 ones present even when
     * empty), a new series of the given modality, the frame of reference, equipment and SOP common.
     */
    Attributes begin(String sopClassUid, String sopInstanceUid, String modality, String seriesUid, DerivedSeriesSpec spec,
                     int instanceNumber) {
        Attributes a = new Attributes(header.size() + 40);
        a.addAll(header);
        for (int tag : TYPE_2) {
            if (!a.contains(tag)) {
                a.setNull(tag, ElementDictionary.vrOf(tag, null));
            }
        }
        if (!a.containsValue(Tag.StudyInstanceUID)) {
            a.setString(Tag.StudyInstanceUID, VR.UI, studyUid());
        }
        if (!a.containsValue(Tag.FrameOfReferenceUID) && frameOfReferenceUid() != null) {
            a.setString(Tag.FrameOfReferenceUID, VR.UI, frameOfReferenceUid());
        }
        if (!a.containsValue(Tag.SpecificCharacterSet)) {
            a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        }
        a.setString(Tag.SOPClassUID, VR.UI, sopClassUid);
        a.setString(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
        a.setString(Tag.Modality, VR.CS, modality);
        a.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        a.setString(Tag.SeriesNumber, VR.IS, Integer.toString(spec.seriesNumber()));
        a.setString(Tag.SeriesDescription, VR.LO, truncate(Dicom.oneValue(spec.description()), 64));
        a.setString(Tag.SeriesDate, VR.DA, contentDate);
        a.setString(Tag.SeriesTime, VR.TM, contentTime);
        a.setString(Tag.InstanceNumber, VR.IS, Integer.toString(instanceNumber));
        a.setString(Tag.ContentDate, VR.DA, contentDate);
        a.setString(Tag.ContentTime, VR.TM, contentTime);
        a.setString(Tag.InstanceCreationDate, VR.DA, contentDate);
        a.setString(Tag.InstanceCreationTime, VR.TM, contentTime);
        a.setString(Tag.Manufacturer, VR.LO, "dect");
        a.setString(Tag.ManufacturerModelName, VR.LO, "dect dual-energy decomposition");
        a.setString(Tag.SoftwareVersions, VR.LO, spec.softwareVersion());
        a.setString(Tag.DerivationDescription, VR.ST, truncate(spec.derivationDescription(), 1024));
        return a;
    }

    /**
     * Source Image Sequence entries for slice z: the low- and high-kVp slices it was computed from,
     * each with Purpose of Reference "Source image for image processing operation" (DCM 121322).
     */
    void putSourceImages(Attributes a, int z) {
        Sequence seq = a.newSequence(Tag.SourceImageSequence, 2);
        seq.add(sourceImage(low.get(z)));
        seq.add(sourceImage(high.get(z)));
    }

    /**
     * Source Image Sequence of slice z with the low-kVp slice alone: for a SEG, which a viewer draws on
     * one series and whose frames it drops when they name another (OHIF), the derived images keep both.
     */
    void putLowSourceImage(Attributes a, int z) {
        a.newSequence(Tag.SourceImageSequence, 1).add(sourceImage(low.get(z)));
    }

    private static Attributes sourceImage(SliceHeader s) {
        Attributes item = imageReference(s);
        Dicom.setCode(item, Tag.PurposeOfReferenceCodeSequence, Codes.SOURCE_IMAGE);
        return item;
    }

    /** Referenced Image Sequence for slice z: the low- and high-kVp slices at the same position. */
    void putReferencedImages(Attributes a, int z) {
        Sequence seq = a.newSequence(Tag.ReferencedImageSequence, 2);
        seq.add(imageReference(low.get(z)));
        seq.add(imageReference(high.get(z)));
    }

    /** Referenced SOP Class/Instance UID (and frame number for a multi-frame source) of a slice. */
    static Attributes imageReference(SliceHeader s) {
        Attributes item = new Attributes(3);
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, s.identity().sopClassUid());
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, s.sopInstanceUid());
        if (s.frameCount() > 1) {
            item.setString(Tag.ReferencedFrameNumber, VR.IS, Integer.toString(s.frame() + 1));
        }
        return item;
    }

    /** Image Plane attributes of slice z (Pixel Spacing, orientation, position, thickness). */
    void putPlane(Attributes a, int z) {
        a.setString(Tag.PixelSpacing, VR.DS, pixelSpacing());
        a.setString(Tag.ImageOrientationPatient, VR.DS, orientation());
        a.setString(Tag.ImagePositionPatient, VR.DS, position(z));
        a.setString(Tag.SliceThickness, VR.DS, sliceThickness());
    }

    String pixelSpacing() {
        return Dicom.ds(geometry.rowSpacing(), geometry.columnSpacing());
    }

    String sliceThickness() {
        return Dicom.ds(Double.isNaN(geometry.sliceThickness()) ? geometry.sliceSpacing() : geometry.sliceThickness());
    }

    String orientation() {
        double[] r = geometry.rowDirection();
        double[] c = geometry.columnDirection();
        return Dicom.ds(r[0], r[1], r[2], c[0], c[1], c[2]);
    }

    String position(int z) {
        return Dicom.ds(geometry.slicePositions()[z]);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
