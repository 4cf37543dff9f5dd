package org.dect.dicom;

import java.io.EOFException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.OtherWordAttributeMultipleFrameArrays;

import org.dect.InputException;
import org.dect.ProgressListener;

/**
 * Decodes the pixels of slices and rescales them to whole Hounsfield units:
 * HU = round(stored · Rescale Slope + Rescale Intercept), stored taken as Bits Stored wide, signed
 * when Pixel Representation is 1 (PS3.3 C.7.6.3.1.4, C.11.1.1.2). Compressed transfer syntaxes are
 * decompressed by PixelMed (RLE, deflate, JPEG lossless through pixelmed-imageio, JPEG 2000 through
 * jai-imageio). Each file is read once, whatever number of its frames is wanted, files in parallel.
 */
public final class SliceReader {

    private final int threads;
    private final ProgressListener progress;

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
            AttributeList list = readWhole(entry.getKey());
            for (int index : entry.getValue()) {
                out[index] = decode(list, slices.get(index));
                progress.progress("read", done.incrementAndGet(), slices.size());
            }
            return null;
        });
        return out;
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

    private static short[] decode(AttributeList list, SliceHeader slice) {
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
            int[] stored = new int[n];
            if (pixelData instanceof OtherWordAttributeMultipleFrameArrays frames) {
                copy(slice, frames.getShortValuesPerFrame()[slice.frame()], 0, n, stored);
            } else if (enc.bitsAllocated() > 8) {
                copy(slice, pixelData.getShortValues(), slice.frame() * n, n, stored);
            } else {
                byte[] bytes = pixelData.getByteValues();
                requireLength(slice, bytes.length, (slice.frame() + 1) * n);
                for (int i = 0; i < n; i++) {
                    stored[i] = bytes[slice.frame() * n + i] & 0xff;
                }
            }
            return rescale(stored, enc);
        } catch (com.pixelmed.dicom.DicomException e) {
            throw new InputException("Cannot decode the pixels of " + slice.describe() + ": " + e.getMessage(), e);
        }
    }

    private static void copy(SliceHeader slice, short[] values, int from, int n, int[] stored) {
        requireLength(slice, values == null ? 0 : values.length * 2, (from + n) * 2);
        for (int i = 0; i < n; i++) {
            stored[i] = values[from + i] & 0xffff;
        }
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

    /** Applies Bits Stored, sign and rescale; whole HU clamped to the range of a short. */
    static short[] rescale(int[] stored, SliceHeader.PixelEncoding enc) {
        int bits = Math.min(enc.bitsStored(), enc.bitsAllocated());
        int mask = bits >= 32 ? -1 : (1 << bits) - 1;
        int signShift = 32 - bits;
        double slope = enc.rescaleSlope();
        double intercept = enc.rescaleIntercept();
        boolean integral = slope == 1.0 && intercept == Math.rint(intercept);
        int offset = (int) intercept;
        short[] hu = new short[stored.length];
        for (int i = 0; i < stored.length; i++) {
            int v = stored[i] & mask;
            if (enc.signed()) {
                v = (v << signShift) >> signShift;
            }
            long value = integral ? (long) v + offset : Math.round(v * slope + intercept);
            hu[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
        }
        return hu;
    }
}
