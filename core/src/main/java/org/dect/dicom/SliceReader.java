package org.dect.dicom;

import java.io.EOFException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherWordAttributeMultipleFrameArrays;

import org.dect.InputException;
import org.dect.Parallel;
import org.dect.ProgressListener;

/**
 * Decodes the pixels of slices and rescales them to whole Hounsfield units:
 * HU = round(stored · Rescale Slope + Rescale Intercept), stored taken as Bits Stored wide, signed
 * when Pixel Representation is 1 (PS3.3 C.7.6.3.1.4, C.11.1.1.2). Compressed transfer syntaxes are
 * decompressed by PixelMed (RLE, deflate, JPEG lossless through pixelmed-imageio, JPEG 2000 through
 * jai-imageio). Uncompressed little-endian files skip PixelMed: their pixel values are read straight
 * from the end of the file ({@link RawPixelData}). Each file is read once, whatever number of its
 * frames is wanted, files in parallel.
 */
public final class SliceReader {

    private final int threads;
    private final ProgressListener progress;
    /**
     * {@link #huTable}s by what they depend on ({@link #tableKey}): a series has one, so it is made once,
     * not per file.
     */
    private final Map<String, short[]> huTables = new ConcurrentHashMap<>();

    public SliceReader(int threads, ProgressListener progress) {
        this.threads = Math.max(1, threads);
        this.progress = progress;
    }

    /** HU of each slice, in the order given, x fastest. */
    public short[][] readHu(List<SliceHeader> slices) {
        slices.forEach(TransferSyntaxes::requireDecodable);
        Map<Path, List<Integer>> byFile = new LinkedHashMap<>();
        for (int i = 0; i < slices.size(); i++) {
            byFile.computeIfAbsent(slices.get(i).file(), k -> new ArrayList<>()).add(i);
        }
        short[][] out = new short[slices.size()][];
        AtomicInteger done = new AtomicInteger();
        Parallel.map(new ArrayList<>(byFile.entrySet()), threads, entry -> {
            SliceHeader first = slices.get(entry.getValue().get(0));
            short[] raw = RawPixelData.applies(first) ? readRaw(first) : null;
            AttributeList list = raw == null ? readWhole(entry.getKey()) : null;
            for (int index : entry.getValue()) {
                SliceHeader slice = slices.get(index);
                out[index] = raw != null ? rescale(slice, raw, slice.frame() * slice.plane().rows() * slice.plane().columns(),
                        slice.plane().rows() * slice.plane().columns()) : decode(list, slice);
                progress.progress("read", done.incrementAndGet(), slices.size());
            }
            return null;
        });
        return out;
    }

    /** The stored values of an uncompressed file read directly, or null to let PixelMed read it. */
    private static short[] readRaw(SliceHeader slice) {
        try {
            return RawPixelData.read(slice);
        } catch (java.io.IOException e) {
            return null; // PixelMed reads it again and reports the problem in its words
        }
    }

    private static AttributeList readWhole(Path file) {
        try {
            AttributeList list = new AttributeList();
            list.read(file.toFile());
            return list;
        } catch (EOFException e) {
            throw new InputException(file + " is truncated: its pixel data ends early. Export the series again.", e);
        } catch (Exception e) {
            throw new InputException("Cannot read the pixel data of " + file + ": " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new InputException("Cannot read the pixel data of " + file + ": a length in the file is corrupt or too large.");
        }
    }

    private short[] decode(AttributeList list, SliceHeader slice) {
        SliceHeader.PixelEncoding enc = slice.encoding();
        int n = slice.plane().rows() * slice.plane().columns();
        if (enc.samplesPerPixel() != 1) {
            throw new InputException(slice.file() + " holds colour pixels (" + enc.samplesPerPixel()
                    + " samples per pixel); a CT slice must be greyscale.");
        }
        Attribute pixelData = list.getPixelData();
        if (pixelData == null) {
            throw new InputException(slice.file() + " is truncated or has no Pixel Data (" + sizeOf(slice.file())
                    + " bytes for a " + slice.plane().columns() + "x" + slice.plane().rows() + " image). Export the series again.");
        }
        try {
            if (pixelData instanceof OtherWordAttributeMultipleFrameArrays frames) {
                return rescale(slice, frames.getShortValuesPerFrame()[slice.frame()], 0, n);
            }
            if (enc.bitsAllocated() > 8) {
                return rescale(slice, pixelData.getShortValues(), slice.frame() * n, n);
            }
            byte[] bytes = pixelData.getByteValues();
            requireLength(slice, bytes.length, (slice.frame() + 1) * n);
            short[] widened = new short[n];
            for (int i = 0; i < n; i++) {
                widened[i] = (short) (bytes[slice.frame() * n + i] & 0xff);
            }
            return rescale(slice, widened, 0, n);
        } catch (com.pixelmed.dicom.DicomException e) {
            throw new InputException("Cannot decode the pixels of " + slice.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rescales in place when the decoded array holds exactly this slice (a single-frame file, whose
     * attribute list is dropped right after): one 512 KiB array less per slice for the collector.
     */
    private short[] rescale(SliceHeader slice, short[] values, int from, int n) {
        requireLength(slice, values == null ? 0 : values.length * 2, (from + n) * 2);
        return rescale(values, from, n, huTables.computeIfAbsent(tableKey(slice.encoding()), k -> huTable(slice.encoding())),
                from == 0 && values.length == n ? values : new short[n]);
    }

    private static long sizeOf(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void requireLength(SliceHeader slice, int have, int need) {
        if (have < need) {
            throw new InputException(slice.describe() + " is truncated: " + have + " pixel bytes where " + need + " are needed.");
        }
    }

    /**
     * Applies Bits Stored, sign and rescale to {@code n} stored values from {@code from}, writing whole
     * HU into {@code hu} (which may be {@code values} itself). No intermediate arrays: a 1 MiB temporary
     * per slice is a humongous object for G1 with a small heap and made 1000-slice loads five times slower.
     */
    static short[] rescale(short[] values, int from, int n, short[] table, short[] hu) {
        for (int i = 0; i < n; i++) {
            hu[i] = table[values[from + i] & 0xffff];
        }
        return hu;
    }

    static short[] rescale(short[] values, int from, int n, SliceHeader.PixelEncoding enc, short[] hu) {
        return rescale(values, from, n, huTable(enc), hu);
    }

    /**
     * Whole HU, clamped to the range of a short, of every 16-bit stored pattern: Bits Stored wide,
     * signed when Pixel Representation is 1. One table read per voxel is cheaper than masking, sign
     * extension, rescale and clamping each (about 1.7 times with the quick JIT compiler the launcher uses),
     * and the same for any slope and intercept.
     */
    static short[] huTable(SliceHeader.PixelEncoding enc) {
        int bits = Math.min(16, Math.min(enc.bitsStored(), enc.bitsAllocated()));
        int mask = (1 << bits) - 1;
        int signShift = 32 - bits;
        short[] table = new short[1 << 16];
        for (int stored = 0; stored < table.length; stored++) {
            int v = stored & mask;
            if (enc.signed()) {
                v = (v << signShift) >> signShift;
            }
            table[stored] = clamp(Math.round(v * enc.rescaleSlope() + enc.rescaleIntercept()));
        }
        return table;
    }

    /**
     * The fields of an encoding that its HU table depends on, as a string. Not the encoding itself: a
     * record's generated hashCode and equals are linked through method handles at their first call,
     * which took 50–60 ms of the read phase, on one core, before any pixel was read.
     */
    private static String tableKey(SliceHeader.PixelEncoding enc) {
        return Math.min(enc.bitsStored(), enc.bitsAllocated()) + (enc.signed() ? " signed × " : " unsigned × ")
                + enc.rescaleSlope() + " + " + enc.rescaleIntercept();
    }

    private static short clamp(long value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}
