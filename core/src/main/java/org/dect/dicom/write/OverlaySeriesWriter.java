package org.dect.dicom.write;

import java.nio.file.Path;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;

import org.dect.Bytes;
import org.dect.ProgressListener;
import org.dect.decompose.LabelCounts;
import org.dect.dicom.read.SliceHeader;
import org.dect.volume.VolumeGeometry;

/**
 * For viewers that show overlays but neither SEG nor colour: a copy of each source slice (CT, new
 * UIDs, derived) carrying one overlay plane per material (PS3.3 C.9.2): group 6000 for the first,
 * 6002 for the next, with Overlay Label and Description naming the material. Only dcmtk's tools were
 * seen to draw these planes; OHIF, the Orthanc viewers and ImageJ show a plain CT copy (README).
 */
public final class OverlaySeriesWriter {

    /** One overlay plane: the voxel label it shows and what to call it. */
    public record Plane(byte label, String name, String description) { }

    private OverlaySeriesWriter() { }

    /** {@code counts} are the labels' per slice: a plane whose label a slice lacks is written without looking for it. */
    public static String write(SourceSeries source, short[][] hu, byte[][] labels, LabelCounts counts, Plane[] planes, double kvp,
                               DerivedSeriesSpec spec, Path folder, int threads, ProgressListener progress) {
        String seriesUid = spec.uids().uid("series");
        int rows = source.geometry().rows();
        int columns = source.geometry().columns();
        SliceFiles.write(hu.length, folder, false, spec.uids(), threads, progress, "overlay", (z, uid) -> {
            Attributes a = source.begin(UID.CTImageStorage, uid, "CT", seriesUid, spec, z + 1);
            a.setString(Tag.ImageType, VR.CS, "DERIVED", "SECONDARY", "AXIAL");
            a.setString(Tag.KVP, VR.DS, Dicom.ds(kvp));
            SliceHeader.Acquisition acquisition = source.low().get(z).acquisition();
            // What a CT copy's reader looks for beside the pixels: the source's acquisition, kernel and slice location.
            if (acquisition.acquisitionNumber() == null) {
                a.setNull(Tag.AcquisitionNumber, VR.IS);
            } else {
                a.setInt(Tag.AcquisitionNumber, VR.IS, acquisition.acquisitionNumber());
            }
            if (acquisition.kernel() != null && !acquisition.kernel().isEmpty()) {
                a.setString(Tag.ConvolutionKernel, VR.SH, acquisition.kernel().split("\\\\"));
            }
            a.setString(Tag.SliceLocation, VR.DS, Dicom.ds(
                    VolumeGeometry.dot(source.geometry().slicePositions()[z], source.geometry().normal())));
            source.putPlane(a, z);
            Pixels.putHu(a, rows, columns, hu[z]);
            source.putSourceImages(a, z);
            source.putReferencedImages(a, z);
            for (int p = 0; p < planes.length; p++) {
                putOverlay(a, 2 * p, counts.inSlice(z, planes[p].label()) > 0 ? labels[z] : null, planes[p], rows, columns);
            }
            return a;
        });
        return seriesUid;
    }

    /** Overlay plane 0x6000 + {@code groupOffset} (PS3.3 C.9.2): a graphic overlay of the voxels of one label; empty when {@code labels} is null. */
    private static void putOverlay(Attributes a, int groupOffset, byte[] labels, Plane plane, int rows, int columns) {
        int g = groupOffset << 16;
        a.setInt(Tag.OverlayRows | g, VR.US, rows);
        a.setInt(Tag.OverlayColumns | g, VR.US, columns);
        a.setString(Tag.OverlayType | g, VR.CS, "G");
        a.setInt(Tag.OverlayOrigin | g, VR.SS, 1, 1);
        a.setInt(Tag.OverlayBitsAllocated | g, VR.US, 1);
        a.setInt(Tag.OverlayBitPosition | g, VR.US, 0);
        a.setString(Tag.OverlayDescription | g, VR.LO, plane.description());
        a.setString(Tag.OverlayLabel | g, VR.LO, plane.name());
        // Overlay Data: one bit per pixel, row by row, the first pixel in the lowest bit of the first
        // 16-bit word. Little-endian, that is pixel i in bit i % 8 of byte i / 8, the value padded to whole words.
        byte[] bits = new byte[(rows * columns + 15) / 16 * 2];
        if (labels != null) {
            for (int i = Bytes.nextNonZero(labels, 0); i < labels.length; i = Bytes.nextNonZero(labels, i + 1)) {
                if (labels[i] == plane.label()) {
                    bits[i >>> 3] |= (byte) (1 << (i & 7));
                }
            }
        }
        a.setBytes(Tag.OverlayData | g, VR.OW, bits);
    }
}
