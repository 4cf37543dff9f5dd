package org.dect.dicom;

import java.nio.file.Path;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.SignedShortAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UnsignedShortAttribute;

import org.dect.ProgressListener;

/**
 * For viewers that show overlays but neither SEG nor colour: a copy of each source slice (CT, new
 * UIDs, derived) carrying one overlay plane per material (PS3.3 C.9.2): group 6000 for the first,
 * 6002 for the next, with Overlay Label and Description naming the material.
 */
public final class OverlaySeriesWriter {

    /** One overlay plane: the voxel label it shows and what to call it. */
    public record Plane(byte label, String name, String description) { }

    private OverlaySeriesWriter() { }

    public static String write(SourceSeries source, short[][] hu, byte[][] labels, Plane[] planes, double kvp,
                               DerivedSeriesSpec spec, Path folder, int threads, ProgressListener progress) {
        String seriesUid = Uids.newUid();
        SliceFiles.write(hu.length, folder, false, threads, progress, "overlay", (z, uid) -> {
            AttributeList list = source.begin(SOPClass.CTImageStorage, uid, "CT", seriesUid, spec, z + 1);
            CtSeriesWriter.put(list, TagFromName.ImageType, "DERIVED\\SECONDARY\\AXIAL");
            CtSeriesWriter.put(list, Tags.KVP, CtSeriesWriter.decimal(kvp));
            CtSeriesWriter.put(list, TagFromName.AcquisitionNumber, null);
            source.putPlane(list, z);
            CtSeriesWriter.putHuPixels(list, source.geometry().rows(), source.geometry().columns(), hu[z]);
            list.put(source.sourceImages(TagFromName.SourceImageSequence, z));
            list.put(source.referencedImages(z));
            for (int p = 0; p < planes.length; p++) {
                putOverlay(list, 0x6000 + 2 * p, labels[z], planes[p], source.geometry().rows(), source.geometry().columns());
            }
            return list;
        });
        return seriesUid;
    }

    private static void putOverlay(AttributeList list, int group, byte[] labels, Plane plane, int rows, int columns)
            throws DicomException {
        UnsignedShortAttribute r = new UnsignedShortAttribute(new AttributeTag(group, 0x0010));
        r.addValue(rows);
        list.put(r);
        UnsignedShortAttribute c = new UnsignedShortAttribute(new AttributeTag(group, 0x0011));
        c.addValue(columns);
        list.put(c);
        CodeStringAttribute type = new CodeStringAttribute(new AttributeTag(group, 0x0040));
        type.addValue("G");
        list.put(type);
        SignedShortAttribute origin = new SignedShortAttribute(new AttributeTag(group, 0x0050));
        origin.addValue(1);
        origin.addValue(1);
        list.put(origin);
        UnsignedShortAttribute bits = new UnsignedShortAttribute(new AttributeTag(group, 0x0100));
        bits.addValue(1);
        list.put(bits);
        UnsignedShortAttribute position = new UnsignedShortAttribute(new AttributeTag(group, 0x0102));
        position.addValue(0);
        list.put(position);
        LongStringAttribute description = new LongStringAttribute(new AttributeTag(group, 0x0022));
        description.addValue(plane.description());
        list.put(description);
        LongStringAttribute label = new LongStringAttribute(new AttributeTag(group, 0x1500));
        label.addValue(plane.name());
        list.put(label);
        // Overlay Data: one bit per pixel, row by row, the first pixel in the lowest bit of the first word.
        short[] words = new short[(labels.length + 15) / 16];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == plane.label()) {
                words[i >>> 4] |= (short) (1 << (i & 15));
            }
        }
        OtherWordAttribute data = new OtherWordAttribute(new AttributeTag(group, 0x3000));
        data.setValues(words);
        list.put(data);
    }
}
