package org.dect.dicom.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;

import org.dect.OutputException;
import org.dect.decompose.Labels;
import org.dect.dicom.read.SliceHeader;
import org.dect.lesion.Lesion;
import org.dect.lesion.Quantification;

/**
 * The deposits as a DICOM Comprehensive 3D SR following TID 1500 (Measurement Report), the form
 * dcmqi, highdicom, 3D Slicer and OHIF read: an image library of the low-kVp slices, then under
 * "Imaging Measurements" one TID 1411 volumetric group for each material's total (referring to the
 * material's segment) and one for each deposit (referring to its own segment of the SEG): tracking
 * identifier and UID, finding (coded as the SEG codes it), volume with its 95 % interval, mean HU at
 * both energies, the dual-energy ratio, and urate % w/w or HA mg/cm³.
 *
 * <p>Codes for which no standard one exists (the dual-energy ratio, the amounts, the interval's
 * bounds) come from the coding scheme 99DECT, declared in the Coding Scheme Identification Sequence.
 */
public final class MeasurementReportWriter {

    private MeasurementReportWriter() { }

    /** The SEG the groups refer to: its series and SOP Instance UIDs and its segments, in order. */
    public record SegReference(String seriesUid, String sopInstanceUid, List<SegmentDescription> segments) { }

    static final Code IMAGING_MEASUREMENT_REPORT = new Code("126000", "DCM", "Imaging Measurement Report");
    static final Code LANGUAGE = new Code("121049", "DCM", "Language of Content Item and Descendants");
    static final Code ENGLISH = new Code("eng", "RFC5646", "English");
    static final Code OBSERVER_TYPE = new Code("121005", "DCM", "Observer Type");
    static final Code DEVICE = new Code("121007", "DCM", "Device");
    static final Code DEVICE_OBSERVER_UID = new Code("121012", "DCM", "Device Observer UID");
    static final Code DEVICE_OBSERVER_NAME = new Code("121013", "DCM", "Device Observer Name");
    static final Code PROCEDURE_REPORTED = new Code("121058", "DCM", "Procedure reported");
    static final Code CT = new Code("77477000", "SCT", "Computed Tomography");
    static final Code IMAGE_LIBRARY = new Code("111028", "DCM", "Image Library");
    static final Code IMAGE_LIBRARY_GROUP = new Code("126200", "DCM", "Image Library Group");
    static final Code IMAGING_MEASUREMENTS = new Code("126010", "DCM", "Imaging Measurements");
    static final Code MEASUREMENT_GROUP = new Code("125007", "DCM", "Measurement Group");
    static final Code TRACKING_IDENTIFIER = new Code("112039", "DCM", "Tracking Identifier");
    static final Code TRACKING_UID = new Code("112040", "DCM", "Tracking Unique Identifier");
    static final Code FINDING = new Code("121071", "DCM", "Finding");
    static final Code REFERENCED_SEGMENT = new Code("121191", "DCM", "Referenced Segment");
    static final Code SOURCE_SERIES = new Code("121232", "DCM", "Source series for segmentation");
    static final Code VOLUME = new Code("118565006", "SCT", "Volume");
    static final Code ATTENUATION = new Code("112031", "DCM", "Attenuation Coefficient");
    static final Code DERIVATION = new Code("121401", "DCM", "Derivation");
    static final Code MEAN = new Code("373098007", "SCT", "Mean");
    static final Code KVP = new Code("113733", "DCM", "KVP");
    static final Code ML = new Code("ml", "UCUM", "milliliter");
    static final Code HU = new Code("[hnsf'U]", "UCUM", "Hounsfield unit");
    static final Code KV = new Code("kV", "UCUM", "kilovolt");
    static final Code NO_UNITS = new Code("1", "UCUM", "no units");
    static final String LOCAL = "99DECT";
    static final Code VOLUME_LOWER = new Code("VOL-CI95-LOW", LOCAL, "Volume, lower bound of the 95 % interval");
    static final Code VOLUME_UPPER = new Code("VOL-CI95-HIGH", LOCAL, "Volume, upper bound of the 95 % interval");
    static final Code VOXEL_VOLUME = new Code("VOL-VOXELS", LOCAL, "Volume of the voxels labelled");
    static final Code DE_RATIO = new Code("DE-RATIO", LOCAL, "Dual-energy ratio of mean HU, low over high kVp");
    static final Code URATE_AMOUNT = new Code("MSU-PCT", LOCAL, "Monosodium urate, % w/w equivalent");
    static final Code HA_AMOUNT = new Code("HA-MGCM3", LOCAL, "Hydroxyapatite, mg/cm3 equivalent");

    /** Writes the SR to {@code file}; returns its Series Instance UID. */
    public static String write(SourceSeries source, Quantification q, SegReference seg, double lowKvp, double highKvp,
                               DerivedSeriesSpec spec, Path file) {
        String seriesUid = spec.uids().uid("series");
        Attributes a = source.begin(UID.Comprehensive3DSRStorage, spec.uids().uid("instance"), "SR", seriesUid, spec, 1);
        // What the source's header brings that an SR has no module for (dciodvfy lists them).
        for (int tag : new int[] {Tag.FrameOfReferenceUID, Tag.PositionReferenceIndicator, Tag.DerivationDescription, Tag.Laterality,
            Tag.BodyPartExamined, Tag.PatientPosition}) {
            a.remove(tag);
        }
        a.setNull(Tag.ReferencedPerformedProcedureStepSequence, VR.SQ);
        a.setString(Tag.DeviceSerialNumber, VR.LO, "1");
        a.setString(Tag.CompletionFlag, VR.CS, "COMPLETE");
        a.setString(Tag.VerificationFlag, VR.CS, "UNVERIFIED");
        a.setNull(Tag.PerformedProcedureCodeSequence, VR.SQ);
        putEvidence(a, source, seg);
        Attributes scheme = Dicom.newItem(a, Tag.CodingSchemeIdentificationSequence);
        scheme.setString(Tag.CodingSchemeDesignator, VR.SH, LOCAL);
        scheme.setString(Tag.CodingSchemeName, VR.ST, "dect: dual-energy CT urate and calcium measurements");
        scheme.setString(Tag.CodingSchemeResponsibleOrganization, VR.ST, "the dect project");

        a.setString(Tag.ValueType, VR.CS, "CONTAINER");
        Dicom.setCode(a, Tag.ConceptNameCodeSequence, IMAGING_MEASUREMENT_REPORT);
        a.setString(Tag.ContinuityOfContent, VR.CS, "SEPARATE");
        putTemplate(a, "1500");
        Sequence content = a.newSequence(Tag.ContentSequence, 8);
        content.add(code("HAS CONCEPT MOD", LANGUAGE, ENGLISH));
        content.add(code("HAS OBS CONTEXT", OBSERVER_TYPE, DEVICE));
        content.add(uidref("HAS OBS CONTEXT", DEVICE_OBSERVER_UID, Uids.named("dect")));
        content.add(text("HAS OBS CONTEXT", DEVICE_OBSERVER_NAME, "dect " + spec.softwareVersion()));
        content.add(code("HAS CONCEPT MOD", PROCEDURE_REPORTED, CT));
        content.add(imageLibrary(source));
        Attributes measurements = container("CONTAINS", IMAGING_MEASUREMENTS);
        Sequence groups = measurements.newSequence(Tag.ContentSequence, seg.segments().size());
        String lowSeries = source.low().get(0).identity().seriesUid();
        for (SegmentDescription s : seg.segments()) {
            if (s.voxels() == null) {
                groups.add(totalGroup(s, q, seg.sopInstanceUid(), lowSeries, spec.uids().uid("tracking/total/" + s.number())));
            }
        }
        for (Lesion l : q.lesions()) {
            SegmentDescription s = seg.segments().stream().filter(x -> x.voxels() == l.voxelSet()).findFirst().orElseThrow();
            groups.add(depositGroup(l, s, seg.sopInstanceUid(), lowSeries, lowKvp, highKvp, spec.uids().uid("tracking/" + s.number())));
        }
        content.add(measurements);
        try {
            Dicom.write(a, file);
        } catch (IOException e) {
            throw new OutputException("Cannot write the measurement report " + file + ": " + e.getMessage(), e);
        }
        return seriesUid;
    }

    /** Current Requested Procedure Evidence: every instance the content refers to, the SEG and the low-kVp slices. */
    private static void putEvidence(Attributes a, SourceSeries source, SegReference seg) {
        Attributes study = Dicom.newItem(a, Tag.CurrentRequestedProcedureEvidenceSequence);
        study.setString(Tag.StudyInstanceUID, VR.UI, source.studyUid());
        Sequence series = study.newSequence(Tag.ReferencedSeriesSequence, 2);
        Attributes low = new Attributes();
        low.setString(Tag.SeriesInstanceUID, VR.UI, source.low().get(0).identity().seriesUid());
        Sequence lows = low.newSequence(Tag.ReferencedSOPSequence, source.low().size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SliceHeader s : source.low()) {
            if (seen.add(s.sopInstanceUid())) {
                Attributes ref = new Attributes(2);
                ref.setString(Tag.ReferencedSOPClassUID, VR.UI, s.identity().sopClassUid());
                ref.setString(Tag.ReferencedSOPInstanceUID, VR.UI, s.sopInstanceUid());
                lows.add(ref);
            }
        }
        series.add(low);
        Attributes segSeries = new Attributes();
        segSeries.setString(Tag.SeriesInstanceUID, VR.UI, seg.seriesUid());
        Attributes ref = Dicom.newItem(segSeries, Tag.ReferencedSOPSequence);
        ref.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.SegmentationStorage);
        ref.setString(Tag.ReferencedSOPInstanceUID, VR.UI, seg.sopInstanceUid());
        series.add(segSeries);
    }

    /** TID 1600: the low-kVp slices, the images the measurements were made on. */
    private static Attributes imageLibrary(SourceSeries source) {
        Attributes library = container("CONTAINS", IMAGE_LIBRARY);
        Attributes group = container("CONTAINS", IMAGE_LIBRARY_GROUP);
        library.newSequence(Tag.ContentSequence, 1).add(group);
        Sequence images = group.newSequence(Tag.ContentSequence, source.low().size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (SliceHeader s : source.low()) {
            if (!seen.add(s.sopInstanceUid() + "/" + s.frame())) {
                continue;
            }
            Attributes image = new Attributes();
            image.setString(Tag.RelationshipType, VR.CS, "CONTAINS");
            image.setString(Tag.ValueType, VR.CS, "IMAGE");
            image.newSequence(Tag.ReferencedSOPSequence, 1).add(SourceSeries.imageReference(s));
            images.add(image);
        }
        return library;
    }

    private static Attributes totalGroup(SegmentDescription s, Quantification q, String segUid, String lowSeries, String trackingUid) {
        Attributes group = groupStart(s.name() + ", all deposits", trackingUid, segUid, s, lowSeries);
        Sequence c = group.getSequence(Tag.ContentSequence);
        if (s.label() == Labels.URATE || s.label() == Labels.CALCIUM) {
            Quantification.Burden b = s.label() == Labels.URATE ? q.urate() : q.calcium();
            putVolume(c, b.volumeMl(), b.ci95(), b.voxelVolumeMl());
        } else {
            c.add(num(VOLUME, q.indeterminateVolumeMl(), ML));
        }
        return group;
    }

    private static Attributes depositGroup(Lesion l, SegmentDescription s, String segUid, String lowSeries, double lowKvp,
                                           double highKvp, String trackingUid) {
        Attributes group = groupStart(s.name(), trackingUid, segUid, s, lowSeries);
        Sequence c = group.getSequence(Tag.ContentSequence);
        putVolume(c, l.volumeMl(), l.volumeCi95Ml(), l.voxelVolumeMl());
        c.add(meanHu(l.meanLow(), lowKvp));
        c.add(meanHu(l.meanHigh(), highKvp));
        c.add(num(DE_RATIO, l.meanRatio(), NO_UNITS));
        if (l.material() == Labels.CALCIUM) {
            c.add(num(HA_AMOUNT, l.meanHa(), Codes.MG_PER_CM3));
        } else {
            c.add(num(URATE_AMOUNT, l.meanUrate(), Codes.PERCENT));
        }
        return group;
    }

    /** TID 1411's head: tracking identifier and UID, the finding, the segment and its source series. */
    private static Attributes groupStart(String tracking, String trackingUid, String segUid, SegmentDescription s, String lowSeries) {
        Attributes group = container("CONTAINS", MEASUREMENT_GROUP);
        putTemplate(group, "1411");
        Sequence c = group.newSequence(Tag.ContentSequence, 12);
        c.add(text("HAS OBS CONTEXT", TRACKING_IDENTIFIER, tracking));
        c.add(uidref("HAS OBS CONTEXT", TRACKING_UID, trackingUid));
        c.add(code("CONTAINS", FINDING, s.type()));
        Attributes segment = item("CONTAINS", "IMAGE", REFERENCED_SEGMENT);
        Attributes ref = Dicom.newItem(segment, Tag.ReferencedSOPSequence);
        ref.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.SegmentationStorage);
        ref.setString(Tag.ReferencedSOPInstanceUID, VR.UI, segUid);
        ref.setInt(Tag.ReferencedSegmentNumber, VR.US, s.number());
        c.add(segment);
        c.add(uidref("CONTAINS", SOURCE_SERIES, lowSeries));
        return group;
    }

    private static void putVolume(Sequence c, double ml, double[] ci, double voxelMl) {
        c.add(num(VOLUME, ml, ML));
        if (Double.isFinite(ci[0])) {
            c.add(num(VOLUME_LOWER, ci[0], ML));
            c.add(num(VOLUME_UPPER, ci[1], ML));
        }
        c.add(num(VOXEL_VOLUME, voxelMl, ML));
    }

    /** Mean HU at one energy: the attenuation, derived as a mean, acquired at that kVp. */
    private static Attributes meanHu(double hu, double kvp) {
        Attributes n = num(ATTENUATION, hu, HU);
        Sequence mods = n.newSequence(Tag.ContentSequence, 2);
        mods.add(code("HAS CONCEPT MOD", DERIVATION, MEAN));
        mods.add(num("HAS ACQ CONTEXT", KVP, kvp, KV));
        return n;
    }

    private static Attributes num(Code concept, double value, Code unit) {
        return num("CONTAINS", concept, value, unit);
    }

    private static Attributes num(String relationship, Code concept, double value, Code unit) {
        Attributes n = item(relationship, "NUM", concept);
        Attributes measured = Dicom.newItem(n, Tag.MeasuredValueSequence);
        measured.setString(Tag.NumericValue, VR.DS, Dicom.ds(round(value)));
        Dicom.setCode(measured, Tag.MeasurementUnitsCodeSequence, unit);
        return n;
    }

    /** Six significant digits: what a measurement of this precision holds, and within DS's 16 characters. */
    private static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.6g", v));
    }

    private static Attributes code(String relationship, Code concept, Code value) {
        Attributes c = item(relationship, "CODE", concept);
        Dicom.setCode(c, Tag.ConceptCodeSequence, value);
        return c;
    }

    private static Attributes text(String relationship, Code concept, String value) {
        Attributes t = item(relationship, "TEXT", concept);
        t.setString(Tag.TextValue, VR.UT, value);
        return t;
    }

    private static Attributes uidref(String relationship, Code concept, String uid) {
        Attributes u = item(relationship, "UIDREF", concept);
        u.setString(Tag.UID, VR.UI, uid);
        return u;
    }

    private static Attributes container(String relationship, Code concept) {
        Attributes c = item(relationship, "CONTAINER", concept);
        c.setString(Tag.ContinuityOfContent, VR.CS, "SEPARATE");
        return c;
    }

    private static Attributes item(String relationship, String valueType, Code concept) {
        Attributes a = new Attributes();
        a.setString(Tag.RelationshipType, VR.CS, relationship);
        a.setString(Tag.ValueType, VR.CS, valueType);
        Dicom.setCode(a, Tag.ConceptNameCodeSequence, concept);
        return a;
    }

    private static void putTemplate(Attributes a, String id) {
        Attributes t = Dicom.newItem(a, Tag.ContentTemplateSequence);
        t.setString(Tag.MappingResource, VR.CS, "DCMR");
        t.setString(Tag.TemplateIdentifier, VR.CS, id);
    }
}
