package org.dect.dicom.write;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.VR;

/** The Image Pixel module and pixel values of the images dect writes. */
final class Pixels {

    private Pixels() { }

    /** Image Pixel module attributes of unsigned pixels stored at their full allocated width. */
    static void putModule(Attributes a, int samplesPerPixel, String photometric, int rows, int columns, int bitsAllocated) {
        a.setInt(Tag.SamplesPerPixel, VR.US, samplesPerPixel);
        a.setString(Tag.PhotometricInterpretation, VR.CS, photometric);
        a.setInt(Tag.Rows, VR.US, rows);
        a.setInt(Tag.Columns, VR.US, columns);
        a.setInt(Tag.BitsAllocated, VR.US, bitsAllocated);
        a.setInt(Tag.BitsStored, VR.US, bitsAllocated);
        a.setInt(Tag.HighBit, VR.US, bitsAllocated - 1);
        a.setInt(Tag.PixelRepresentation, VR.US, 0);
    }

    /**
     * Image Pixel and CT rescale attributes for whole HU stored as they are, signed 16-bit (Pixel
     * Representation 1, Rescale Intercept 0, as many scanners store CT), and the pixels themselves.
     * Stored as HU, a slice's bytes are a memory copy of its HU, not a pass of arithmetic over them.
     */
    static void putHu(Attributes a, int rows, int columns, short[] hu) {
        putModule(a, 1, "MONOCHROME2", rows, columns, 16);
        a.setInt(Tag.PixelRepresentation, VR.US, 1);
        a.setString(Tag.RescaleIntercept, VR.DS, "0");
        a.setString(Tag.RescaleSlope, VR.DS, "1");
        a.setString(Tag.RescaleType, VR.LO, "HU");
        a.setString(Tag.WindowCenter, VR.DS, "300");
        a.setString(Tag.WindowWidth, VR.DS, "1500");
        a.setBytes(Tag.PixelData, VR.OW, littleEndian(hu));
    }

    /** 16-bit values as the little-endian bytes of an OW value. */
    static byte[] littleEndian(short[] values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(values);
        return b.array();
    }
}
