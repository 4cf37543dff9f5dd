package org.dect.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * The pixels of an uncompressed little-endian 16-bit file read straight from disk, without parsing
 * the file a second time: the header scan has read everything before Pixel Data already, and in such
 * a file the pixel values are the last bytes, right after the element header of Pixel Data. That
 * header is checked byte for byte (tag, VR and a length equal to what rows, columns and frames call
 * for); a file laid out any other way (trailing elements, encapsulated or odd lengths) gets null, and
 * the caller lets PixelMed read it.
 */
final class RawPixelData {

    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    private static final int REUSED_BUFFER_BYTES = 8 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFER = new ThreadLocal<>();

    private RawPixelData() { }

    /** Whether this slice's transfer syntax and encoding can take the fast path at all. */
    static boolean applies(SliceHeader slice) {
        String ts = slice.encoding().transferSyntaxUid();
        return (ts.equals(EXPLICIT_LE) || ts.equals(IMPLICIT_LE)) && slice.encoding().bitsAllocated() == 16
                && slice.encoding().samplesPerPixel() == 1;
    }

    /** All frames' stored values of the file of {@code slice}, or null when the file is not laid out as expected. */
    static short[] read(SliceHeader slice) throws IOException {
        long values = (long) slice.plane().rows() * slice.plane().columns() * slice.frameCount();
        long length = 2 * values;
        boolean explicit = slice.encoding().transferSyntaxUid().equals(EXPLICIT_LE);
        int headerLength = explicit ? 12 : 8;
        if (length > Integer.MAX_VALUE - 16) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(slice.file(), StandardOpenOption.READ)) {
            long start = channel.size() - length;
            if (start - headerLength < 132) { // preamble, DICM and at least some header before
                return null;
            }
            ByteBuffer header = ByteBuffer.allocate(headerLength).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, header, start - headerLength);
            if (!isPixelDataHeader(header.flip(), explicit, length)) {
                return null;
            }
            ByteBuffer bytes = buffer((int) length);
            readFully(channel, bytes, start);
            short[] out = new short[(int) values];
            bytes.flip().asShortBuffer().get(out);
            return out;
        }
    }

    /**
     * A buffer of {@code length} bytes: for a single slice (up to {@link #REUSED_BUFFER_BYTES}), this
     * thread's direct buffer. The kernel reads into a direct buffer without the copy through a temporary
     * that a heap buffer costs, and keeping it saves half a megabyte of garbage per slice: together a
     * third of the time to read a 512×512×300 pair. A multi-frame file gets a heap buffer of its own,
     * so that no thread keeps hundreds of megabytes.
     */
    private static ByteBuffer buffer(int length) {
        if (length > REUSED_BUFFER_BYTES) {
            return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer b = BUFFER.get();
        if (b == null || b.capacity() < length) {
            b = ByteBuffer.allocateDirect(length).order(ByteOrder.LITTLE_ENDIAN);
            BUFFER.set(b);
        }
        return b.clear().limit(length);
    }

    /** (7FE0,0010), then "OW" or "OB" and two reserved zero bytes when explicit, then the 32-bit length. */
    private static boolean isPixelDataHeader(ByteBuffer h, boolean explicit, long length) {
        if (h.getShort() != (short) 0x7FE0 || h.getShort() != 0x0010) {
            return false;
        }
        if (explicit) {
            byte v = h.get();
            byte r = h.get();
            if (v != 'O' || (r != 'W' && r != 'B') || h.getShort() != 0) {
                return false;
            }
        }
        return (h.getInt() & 0xffffffffL) == length;
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            int n = channel.read(into, position + into.position());
            if (n < 0) {
                throw new EOFException();
            }
        }
    }
}
