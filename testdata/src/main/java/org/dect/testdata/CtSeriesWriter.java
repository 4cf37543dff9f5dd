package org.dect.testdata;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;

import org.dect.OutputException;
import org.dect.Parallel;
import org.dect.ProgressListener;
import org.dect.dicom.write.Uids;
import org.dect.volume.VolumeGeometry;

/**
 * Writes a simulated volume of HU as a classic CT Image Storage series, one file per slice, the way
 * scanners export: unsigned 16-bit stored values with Rescale Intercept −1024, Explicit VR Little
 * Endian, files named after their SOP Instance UID (so nothing about their order can be read from
 * names), and the phantom's equipment and anatomy (a right wrist from "dect phantom generator"). It
 * stands apart from the product's writers on purpose: a phantom written by the code under test
 * could share its mistakes.
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
        AtomicInteger done = new AtomicInteger();
        Parallel.forEach(hu.length, threads, z -> {
            String uid = Uids.newUid();
            Path file = folder.resolve(uid + ".dcm");
            try {
                write(slice(spec, geometry, hu[z], z, uid), file);
            } catch (IOException e) {
                throw new OutputException("Cannot write " + file + ": " + e.getMessage(), e);
            }
            progress.progress("write", done.incrementAndGet(), hu.length);
        });
    }

    static Attributes slice(CtSeriesSpec spec, VolumeGeometry g, short[] hu, int z, String sopInstanceUid) {
        StudyInfo study = spec.study();
        Attributes a = new Attributes(64);
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        a.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        a.setString(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
        a.setString(Tag.StudyDate, VR.DA, study.studyDate());
        a.setString(Tag.StudyTime, VR.TM, study.studyTime());
        a.setString(Tag.AccessionNumber, VR.SH, study.accessionNumber());
        a.setString(Tag.Modality, VR.CS, "CT");
        a.setString(Tag.Manufacturer, VR.LO, "dect phantom generator");
        a.setNull(Tag.ReferringPhysicianName, VR.PN);
        a.setString(Tag.SeriesDescription, VR.LO, spec.description());
        a.setString(Tag.PatientName, VR.PN, study.patientName());
        a.setString(Tag.PatientID, VR.LO, study.patientId());
        a.setNull(Tag.PatientBirthDate, VR.DA);
        a.setString(Tag.PatientSex, VR.CS, "O");
        a.setString(Tag.BodyPartExamined, VR.CS, "HAND");
        a.setString(Tag.SliceThickness, VR.DS, ds(Double.isNaN(g.sliceThickness()) ? g.sliceSpacing() : g.sliceThickness()));
        a.setString(Tag.KVP, VR.DS, ds(spec.kvp()));
        a.setString(Tag.FilterType, VR.SH, "FLAT");
        a.setString(Tag.ConvolutionKernel, VR.SH, spec.kernel());
        a.setString(Tag.PatientPosition, VR.CS, "HFS");
        if (spec.filterMaterial() != null) { // not in the CT Image IOD (dciodvfy warns), but where scanners record tin
            a.setString(Tag.FilterMaterial, VR.CS, spec.filterMaterial());
        }
        a.setString(Tag.StudyInstanceUID, VR.UI, study.studyUid());
        a.setString(Tag.SeriesInstanceUID, VR.UI, spec.seriesUid());
        a.setString(Tag.StudyID, VR.SH, study.studyId());
        a.setString(Tag.SeriesNumber, VR.IS, Integer.toString(spec.seriesNumber()));
        a.setString(Tag.AcquisitionNumber, VR.IS, "1");
        a.setString(Tag.InstanceNumber, VR.IS, Integer.toString(z + 1));
        double[] p = g.slicePositions()[z];
        double[] r = g.rowDirection();
        double[] c = g.columnDirection();
        a.setString(Tag.ImagePositionPatient, VR.DS, ds(p[0]), ds(p[1]), ds(p[2]));
        a.setString(Tag.ImageOrientationPatient, VR.DS, ds(r[0]), ds(r[1]), ds(r[2]), ds(c[0]), ds(c[1]), ds(c[2]));
        a.setString(Tag.FrameOfReferenceUID, VR.UI, study.frameOfReferenceUid());
        a.setString(Tag.Laterality, VR.CS, "R");
        a.setNull(Tag.PositionReferenceIndicator, VR.LO);
        a.setString(Tag.SliceLocation, VR.DS, ds(VolumeGeometry.dot(p, g.normal())));
        a.setInt(Tag.SamplesPerPixel, VR.US, 1);
        a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        a.setInt(Tag.Rows, VR.US, g.rows());
        a.setInt(Tag.Columns, VR.US, g.columns());
        a.setString(Tag.PixelSpacing, VR.DS, ds(g.rowSpacing()), ds(g.columnSpacing()));
        a.setInt(Tag.BitsAllocated, VR.US, 16);
        a.setInt(Tag.BitsStored, VR.US, 16);
        a.setInt(Tag.HighBit, VR.US, 15);
        a.setInt(Tag.PixelRepresentation, VR.US, 0);
        a.setString(Tag.WindowCenter, VR.DS, "300");
        a.setString(Tag.WindowWidth, VR.DS, "1500");
        a.setString(Tag.RescaleIntercept, VR.DS, Integer.toString(INTERCEPT));
        a.setString(Tag.RescaleSlope, VR.DS, "1");
        a.setString(Tag.RescaleType, VR.LO, "HU");
        ByteBuffer stored = ByteBuffer.allocate(2 * hu.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : hu) { // values below −1024 HU are stored as −1024, as scanners do
            stored.putShort((short) Math.max(0, Math.min(0xffff, v - INTERCEPT)));
        }
        a.setBytes(Tag.PixelData, VR.OW, stored.array());
        return a;
    }

    static void write(Attributes dataset, Path file) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             DicomOutputStream out = new DicomOutputStream(os, UID.ExplicitVRLittleEndian)) {
            out.writeDataset(dataset.createFileMetaInformation(UID.ExplicitVRLittleEndian), dataset);
        }
    }

    /** A decimal string (DS) of at most 16 characters, to a micrometre: as the phantom's scanner prints them. */
    static String ds(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
        return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.9g", v).trim();
    }
}
