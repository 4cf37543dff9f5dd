package org.dect.dicom;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.dect.InputException;
import org.dect.volume.VolumeGeometry;

/**
 * The source of the derived objects: the patient and study attributes of the low-kVp series (copied
 * as the scanner wrote them), its frame of reference and geometry, and the sorted source slices of
 * both energies that each derived slice refers to. Everything that writes a derived object starts
 * from here, so that all of them share one study, one frame of reference and one way of referencing.
 */
public final class SourceSeries {

    /** Patient, General Study, Patient Study and series-level attributes a derived object keeps. */
    private static final AttributeTag[] COPIED = {
        TagFromName.SpecificCharacterSet, TagFromName.PatientName, TagFromName.PatientID, TagFromName.IssuerOfPatientID,
        TagFromName.PatientBirthDate, TagFromName.PatientSex, TagFromName.PatientAge, TagFromName.PatientSize,
        TagFromName.PatientWeight, TagFromName.StudyInstanceUID, TagFromName.StudyDate, TagFromName.StudyTime,
        TagFromName.ReferringPhysicianName, TagFromName.StudyID, TagFromName.AccessionNumber, TagFromName.StudyDescription,
        TagFromName.BodyPartExamined, TagFromName.Laterality, TagFromName.PatientPosition, TagFromName.FrameOfReferenceUID,
        TagFromName.PositionReferenceIndicator};

    private final AttributeList header;
    private final List<SliceHeader> low;
    private final List<SliceHeader> high;
    private final VolumeGeometry geometry;
    private final String contentDate;
    private final String contentTime;

    private SourceSeries(AttributeList header, List<SliceHeader> low, List<SliceHeader> high, VolumeGeometry geometry) {
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
        AttributeList first = new AttributeList();
        try {
            first.read(lowSorted.get(0).file().toFile(), TagFromName.PixelData);
        } catch (IOException | DicomException e) {
            throw new InputException("Cannot re-read " + lowSorted.get(0).file() + ": " + e.getMessage(), e);
        }
        AttributeList kept = new AttributeList();
        for (AttributeTag tag : COPIED) {
            Attribute a = first.get(tag);
            if (a != null) {
                kept.put(a);
            }
        }
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
    AttributeList begin(String sopClassUid, String sopInstanceUid, String modality, String seriesUid, DerivedSeriesSpec spec,
                        int instanceNumber) throws DicomException {
        AttributeList list = new AttributeList();
        list.putAll(header);
        for (AttributeTag type2 : new AttributeTag[] {TagFromName.PatientName, TagFromName.PatientID, TagFromName.PatientBirthDate,
            TagFromName.PatientSex, TagFromName.StudyDate, TagFromName.StudyTime, TagFromName.ReferringPhysicianName,
            TagFromName.StudyID, TagFromName.AccessionNumber, TagFromName.PositionReferenceIndicator}) {
            if (list.get(type2) == null) {
                CtSeriesWriter.put(list, type2, null);
            }
        }
        if (list.get(TagFromName.StudyInstanceUID) == null) {
            CtSeriesWriter.put(list, TagFromName.StudyInstanceUID, studyUid());
        }
        if (list.get(TagFromName.FrameOfReferenceUID) == null && frameOfReferenceUid() != null) {
            CtSeriesWriter.put(list, TagFromName.FrameOfReferenceUID, frameOfReferenceUid());
        }
        CtSeriesWriter.put(list, TagFromName.SOPClassUID, sopClassUid);
        CtSeriesWriter.put(list, TagFromName.SOPInstanceUID, sopInstanceUid);
        CtSeriesWriter.put(list, TagFromName.Modality, modality);
        CtSeriesWriter.put(list, TagFromName.SeriesInstanceUID, seriesUid);
        CtSeriesWriter.put(list, TagFromName.SeriesNumber, Integer.toString(spec.seriesNumber()));
        CtSeriesWriter.put(list, TagFromName.SeriesDescription, truncate(spec.description(), 64));
        CtSeriesWriter.put(list, TagFromName.SeriesDate, contentDate);
        CtSeriesWriter.put(list, TagFromName.SeriesTime, contentTime);
        CtSeriesWriter.put(list, TagFromName.InstanceNumber, Integer.toString(instanceNumber));
        CtSeriesWriter.put(list, TagFromName.ContentDate, contentDate);
        CtSeriesWriter.put(list, TagFromName.ContentTime, contentTime);
        CtSeriesWriter.put(list, TagFromName.InstanceCreationDate, contentDate);
        CtSeriesWriter.put(list, TagFromName.InstanceCreationTime, contentTime);
        CtSeriesWriter.put(list, TagFromName.Manufacturer, "dect");
        CtSeriesWriter.put(list, TagFromName.ManufacturerModelName, "dect dual-energy decomposition");
        CtSeriesWriter.put(list, TagFromName.SoftwareVersions, spec.softwareVersion());
        CtSeriesWriter.put(list, TagFromName.DerivationDescription, truncate(spec.derivationDescription(), 1024));
        if (list.get(TagFromName.SpecificCharacterSet) == null) {
            CtSeriesWriter.put(list, TagFromName.SpecificCharacterSet, "ISO_IR 100");
        }
        return list;
    }

    /** Derivation Code Sequence of a segmentation's source references: (113076, DCM, "Segmentation"). */
    static SequenceAttribute derivationCode() throws DicomException {
        SequenceAttribute seq = new SequenceAttribute(TagFromName.DerivationCodeSequence);
        seq.addItem(new CodedSequenceItem("113076", "DCM", "Segmentation").getAttributeList());
        return seq;
    }

    /**
     * Source Image Sequence entries for slice z: the low- and high-kVp slices it was computed from,
     * each with Purpose of Reference "Source image for image processing operation" (DCM 121322).
     */
    SequenceAttribute sourceImages(AttributeTag sequenceTag, int z) throws DicomException {
        SequenceAttribute seq = new SequenceAttribute(sequenceTag);
        for (SliceHeader s : new SliceHeader[] {low.get(z), high.get(z)}) {
            AttributeList item = imageReference(s);
            SequenceAttribute purpose = new SequenceAttribute(TagFromName.PurposeOfReferenceCodeSequence);
            purpose.addItem(new CodedSequenceItem("121322", "DCM", "Source image for image processing operation").getAttributeList());
            item.put(purpose);
            seq.addItem(item);
        }
        return seq;
    }

    /** Referenced Image Sequence for slice z: the low- and high-kVp slices at the same position. */
    SequenceAttribute referencedImages(int z) throws DicomException {
        SequenceAttribute seq = new SequenceAttribute(TagFromName.ReferencedImageSequence);
        seq.addItem(imageReference(low.get(z)));
        seq.addItem(imageReference(high.get(z)));
        return seq;
    }

    /** Referenced SOP Class/Instance UID (and frame number for a multi-frame source) of a slice. */
    static AttributeList imageReference(SliceHeader s) throws DicomException {
        AttributeList item = new AttributeList();
        CtSeriesWriter.put(item, TagFromName.ReferencedSOPClassUID, s.identity().sopClassUid());
        CtSeriesWriter.put(item, TagFromName.ReferencedSOPInstanceUID, s.sopInstanceUid());
        if (s.frameCount() > 1) {
            CtSeriesWriter.put(item, TagFromName.ReferencedFrameNumber, Integer.toString(s.frame() + 1));
        }
        return item;
    }

    /** Image Plane attributes of slice z (Pixel Spacing, orientation, position, thickness). */
    void putPlane(AttributeList list, int z) throws DicomException {
        VolumeGeometry g = geometry;
        CtSeriesWriter.put(list, TagFromName.PixelSpacing, CtSeriesWriter.decimal(g.rowSpacing()) + "\\" + CtSeriesWriter.decimal(g.columnSpacing()));
        CtSeriesWriter.put(list, TagFromName.ImageOrientationPatient, orientation());
        CtSeriesWriter.put(list, TagFromName.ImagePositionPatient, position(z));
        CtSeriesWriter.put(list, TagFromName.SliceThickness,
                CtSeriesWriter.decimal(Double.isNaN(g.sliceThickness()) ? g.sliceSpacing() : g.sliceThickness()));
    }

    String orientation() {
        double[] r = geometry.rowDirection();
        double[] c = geometry.columnDirection();
        return String.join("\\", CtSeriesWriter.decimal(r[0]), CtSeriesWriter.decimal(r[1]), CtSeriesWriter.decimal(r[2]),
                CtSeriesWriter.decimal(c[0]), CtSeriesWriter.decimal(c[1]), CtSeriesWriter.decimal(c[2]));
    }

    String position(int z) {
        double[] p = geometry.slicePositions()[z];
        return CtSeriesWriter.decimal(p[0]) + "\\" + CtSeriesWriter.decimal(p[1]) + "\\" + CtSeriesWriter.decimal(p[2]);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
