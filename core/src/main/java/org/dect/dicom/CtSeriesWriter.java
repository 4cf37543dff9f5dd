package org.dect.dicom;

import java.nio.file.Path;
import java.util.Locale;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;

import org.dect.ProgressListener;
import org.dect.volume.VolumeGeometry;

/**
 * Writes a volume of HU as a classic CT Image Storage series, one file per slice, the way scanners
 * export: unsigned 16-bit stored values with Rescale Intercept −1024, Explicit VR Little Endian.
 * Files are named after their SOP Instance UID, so nothing about their order can be read from names.
 */
public final class CtSeriesWriter {

    private static final int INTERCEPT = -1024;

    private final int threads;
    private final ProgressListener progress;

    public CtSeriesWriter(int threads, ProgressListener progress) {
        this.threads = Math.max(1, threads);
        this.progress = progress;
    }

    /** Writes slice z of {@code hu} at position z of {@code geometry} into {@code folder}, which must exist. */
    public void write(CtSeriesSpec spec, VolumeGeometry geometry, short[][] hu, Path folder) {
        SliceFiles.write(hu.length, folder, true, threads, progress, "write", (z, uid) -> slice(spec, geometry, hu[z], z, uid));
    }

    private static AttributeList slice(CtSeriesSpec spec, VolumeGeometry g, short[] hu, int z, String sopInstanceUid)
            throws DicomException {
        StudyInfo study = spec.study();
        AttributeList list = new AttributeList();
        put(list, TagFromName.SOPClassUID, SOPClass.CTImageStorage);
        put(list, TagFromName.SOPInstanceUID, sopInstanceUid);
        put(list, TagFromName.SpecificCharacterSet, "ISO_IR 100");
        put(list, TagFromName.PatientName, study.patientName());
        put(list, TagFromName.PatientID, study.patientId());
        put(list, TagFromName.PatientBirthDate, null);
        put(list, TagFromName.PatientSex, "O");
        put(list, TagFromName.StudyInstanceUID, study.studyUid());
        put(list, TagFromName.StudyDate, study.studyDate());
        put(list, TagFromName.StudyTime, study.studyTime());
        put(list, TagFromName.ReferringPhysicianName, null);
        put(list, TagFromName.StudyID, study.studyId());
        put(list, TagFromName.AccessionNumber, study.accessionNumber());
        put(list, TagFromName.Modality, "CT");
        put(list, TagFromName.SeriesInstanceUID, spec.seriesUid());
        put(list, TagFromName.SeriesNumber, Integer.toString(spec.seriesNumber()));
        put(list, TagFromName.SeriesDescription, spec.description());
        put(list, TagFromName.BodyPartExamined, "HAND");
        put(list, TagFromName.Laterality, "R");
        put(list, TagFromName.PatientPosition, "HFS");
        put(list, TagFromName.FrameOfReferenceUID, study.frameOfReferenceUid());
        put(list, TagFromName.PositionReferenceIndicator, null);
        put(list, TagFromName.Manufacturer, "dect phantom generator");
        put(list, TagFromName.InstanceNumber, Integer.toString(z + 1));
        put(list, TagFromName.AcquisitionNumber, "1");
        put(list, TagFromName.ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
        put(list, Tags.KVP, decimal(spec.kvp()));
        put(list, Tags.FILTER_TYPE, "FLAT");
        if (spec.filterMaterial() != null) { // not in the CT Image IOD (dciodvfy warns), but where scanners record tin
            put(list, Tags.FILTER_MATERIAL, spec.filterMaterial());
        }
        put(list, TagFromName.ConvolutionKernel, spec.kernel());
        put(list, TagFromName.PixelSpacing, decimal(g.rowSpacing()) + "\\" + decimal(g.columnSpacing()));
        double[] r = g.rowDirection();
        double[] c = g.columnDirection();
        put(list, TagFromName.ImageOrientationPatient, String.join("\\",
                decimal(r[0]), decimal(r[1]), decimal(r[2]), decimal(c[0]), decimal(c[1]), decimal(c[2])));
        double[] p = g.slicePositions()[z];
        put(list, TagFromName.ImagePositionPatient, decimal(p[0]) + "\\" + decimal(p[1]) + "\\" + decimal(p[2]));
        put(list, TagFromName.SliceLocation, decimal(VolumeGeometry.dot(p, g.normal())));
        put(list, TagFromName.SliceThickness, decimal(Double.isNaN(g.sliceThickness()) ? g.sliceSpacing() : g.sliceThickness()));
        putHuPixels(list, g.rows(), g.columns(), hu);
        return list;
    }

    /**
     * Image Pixel and CT rescale attributes for whole HU stored as unsigned 16-bit values with Rescale
     * Intercept −1024 (values below −1024 HU are stored as −1024), and the pixels themselves.
     */
    static void putHuPixels(AttributeList list, int rows, int columns, short[] hu) throws DicomException {
        putPixelModule(list, 1, "MONOCHROME2", rows, columns, 16);
        put(list, TagFromName.RescaleIntercept, Integer.toString(INTERCEPT));
        put(list, TagFromName.RescaleSlope, "1");
        put(list, TagFromName.RescaleType, "HU");
        put(list, TagFromName.WindowCenter, "300");
        put(list, TagFromName.WindowWidth, "1500");
        short[] stored = new short[hu.length];
        for (int i = 0; i < hu.length; i++) {
            stored[i] = (short) Math.max(0, Math.min(0xffff, hu[i] - INTERCEPT));
        }
        OtherWordAttribute pixels = new OtherWordAttribute(TagFromName.PixelData);
        pixels.setValues(stored);
        list.put(pixels);
    }

    /** Image Pixel module attributes of unsigned pixels stored at their full allocated width. */
    static void putPixelModule(AttributeList list, int samplesPerPixel, String photometric, int rows, int columns,
                               int bitsAllocated) throws DicomException {
        put(list, TagFromName.SamplesPerPixel, Integer.toString(samplesPerPixel));
        put(list, TagFromName.PhotometricInterpretation, photometric);
        put(list, TagFromName.Rows, Integer.toString(rows));
        put(list, TagFromName.Columns, Integer.toString(columns));
        put(list, TagFromName.BitsAllocated, Integer.toString(bitsAllocated));
        put(list, TagFromName.BitsStored, Integer.toString(bitsAllocated));
        put(list, TagFromName.HighBit, Integer.toString(bitsAllocated - 1));
        put(list, TagFromName.PixelRepresentation, "0");
    }

    /** Adds an attribute with its standard VR; a null value leaves it present and empty (type 2). */
    static void put(AttributeList list, AttributeTag tag, String value) throws DicomException {
        Attribute a = AttributeFactory.newAttribute(tag, ValueRepresentations.of(tag));
        list.put(a);
        if (value != null) {
            for (String v : value.split("\\\\")) {
                a.addValue(v);
            }
        }
    }

    /** A decimal string (DS) of at most 16 characters. */
    static String decimal(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
        return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.9g", v).trim();
    }
}
