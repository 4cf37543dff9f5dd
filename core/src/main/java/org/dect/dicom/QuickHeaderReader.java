package org.dect.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dect.dicom.SliceHeader.Acquisition;
import org.dect.dicom.SliceHeader.PixelEncoding;
import org.dect.dicom.SliceHeader.SeriesIdentity;
import org.dect.dicom.SliceHeader.SlicePlane;

/**
 * Reads the header of a plain single-frame image without PixelMed: the kind of file nearly every CT
 * export consists of (a 128-byte preamble, "DICM", little-endian encoding). It walks the elements up
 * to Pixel Data, skipping sequences item by item, and keeps the thirty-odd values a {@link SliceHeader}
 * needs. A scan of 600 files spent 0.3 s of a 3 s run in PixelMed's parser, most of it warming it up:
 * PixelMed builds an object for every element, and the trace text of every string.
 *
 * <p>Anything else gives null, and {@link HeaderReader} hands the file to PixelMed, which reads it and
 * words any error: no preamble, big-endian or deflated encoding, an Enhanced or other multi-frame
 * image, a file that is not an image, text beyond ASCII, a VR other than the standard one for a value
 * it needs, or anything malformed. A test reads every file of pydicom's test set both ways and
 * requires the same headers wherever this reader answers.
 */
final class QuickHeaderReader {

    /** Most CT headers fit in 4–8 KiB; a header that is larger is read again, whole, up to this. */
    private static final int FIRST_READ = 16 << 10;
    private static final int MAX_HEADER = 4 << 20;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private static final int TRANSFER_SYNTAX = 0x00020010;
    private static final int MEDIA_SOP_CLASS = 0x00020002;
    private static final int IMAGE_TYPE = 0x00080008;
    private static final int SOP_CLASS = 0x00080016;
    private static final int SOP_INSTANCE = 0x00080018;
    private static final int MODALITY = 0x00080060;
    private static final int SERIES_DESCRIPTION = 0x0008103E;
    private static final int SLICE_THICKNESS = 0x00180050;
    private static final int KVP = 0x00180060;
    private static final int FILTER_TYPE = 0x00181160;
    private static final int KERNEL = 0x00181210;
    private static final int FILTER_MATERIAL = 0x00187050;
    private static final int STUDY_UID = 0x0020000D;
    private static final int SERIES_UID = 0x0020000E;
    private static final int SERIES_NUMBER = 0x00200011;
    private static final int INSTANCE_NUMBER = 0x00200013;
    private static final int POSITION = 0x00200032;
    private static final int ORIENTATION = 0x00200037;
    private static final int FRAME_OF_REFERENCE = 0x00200052;
    private static final int SAMPLES_PER_PIXEL = 0x00280002;
    private static final int PHOTOMETRIC = 0x00280004;
    private static final int NUMBER_OF_FRAMES = 0x00280008;
    private static final int ROWS = 0x00280010;
    private static final int COLUMNS = 0x00280011;
    private static final int PIXEL_SPACING = 0x00280030;
    private static final int BITS_ALLOCATED = 0x00280100;
    private static final int BITS_STORED = 0x00280101;
    private static final int PIXEL_REPRESENTATION = 0x00280103;
    private static final int RESCALE_INTERCEPT = 0x00281052;
    private static final int RESCALE_SLOPE = 0x00281053;
    private static final int SHARED_FUNCTIONAL_GROUPS = 0x52009229;
    private static final int PER_FRAME_FUNCTIONAL_GROUPS = 0x52009230;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;

    /** The values kept, with the VR each must have when the file says (explicit VR). */
    private static final Map<Integer, String> WANTED = Map.ofEntries(
            Map.entry(TRANSFER_SYNTAX, "UI"), Map.entry(MEDIA_SOP_CLASS, "UI"), Map.entry(IMAGE_TYPE, "CS"),
            Map.entry(SOP_CLASS, "UI"), Map.entry(SOP_INSTANCE, "UI"), Map.entry(MODALITY, "CS"),
            Map.entry(SERIES_DESCRIPTION, "LO"), Map.entry(SLICE_THICKNESS, "DS"), Map.entry(KVP, "DS"),
            Map.entry(FILTER_TYPE, "SH"), Map.entry(KERNEL, "SH"), Map.entry(FILTER_MATERIAL, "CS"),
            Map.entry(STUDY_UID, "UI"), Map.entry(SERIES_UID, "UI"), Map.entry(SERIES_NUMBER, "IS"),
            Map.entry(INSTANCE_NUMBER, "IS"), Map.entry(POSITION, "DS"), Map.entry(ORIENTATION, "DS"),
            Map.entry(FRAME_OF_REFERENCE, "UI"), Map.entry(SAMPLES_PER_PIXEL, "US"), Map.entry(PHOTOMETRIC, "CS"),
            Map.entry(NUMBER_OF_FRAMES, "IS"), Map.entry(ROWS, "US"), Map.entry(COLUMNS, "US"),
            Map.entry(PIXEL_SPACING, "DS"), Map.entry(BITS_ALLOCATED, "US"), Map.entry(BITS_STORED, "US"),
            Map.entry(PIXEL_REPRESENTATION, "US"), Map.entry(RESCALE_INTERCEPT, "DS"), Map.entry(RESCALE_SLOPE, "DS"));

    private static final Set<String> VRS = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT",
            "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR",
            "US", "UT", "UV");
    /** VRs with a 32-bit length after two reserved bytes (PS3.5 7.1.2). */
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR",
            "UT", "UV");

    private QuickHeaderReader() { }

    /** The header of a plain single-frame image, or null to let PixelMed read the file. */
    static List<SliceHeader> read(Path file) throws IOException {
        long size = Files.size(file);
        int length = (int) Math.min(size, FIRST_READ);
        while (true) {
            byte[] bytes = readStart(file, length);
            try {
                return header(file, new Parser(bytes, length == size).values());
            } catch (NotHandled e) {
                return null;
            } catch (Incomplete e) {
                if (length == size || length >= MAX_HEADER) {
                    return null;
                }
                length = (int) Math.min(size, Math.min(MAX_HEADER, 8L * length));
            }
        }
    }

    private static byte[] readStart(Path file, int length) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(length);
        }
    }

    /** The values as {@link HeaderReader#fromAttributes} reads them from a single-frame file's attribute list. */
    private static List<SliceHeader> header(Path file, Values v) {
        String seriesUid = v.string(SERIES_UID);
        int rows = v.unsigned(ROWS, 0);
        int columns = v.unsigned(COLUMNS, 0);
        Integer frames = v.integer(NUMBER_OF_FRAMES);
        if (v.string(SOP_CLASS) == null && v.string(MEDIA_SOP_CLASS) == null || seriesUid == null || rows == 0
                || columns == 0 || v.has(NUMBER_OF_FRAMES) && (frames == null || frames != 1)) {
            throw NotHandled.INSTANCE; // not an image, or not a single frame: PixelMed decides
        }
        String ts = v.string(TRANSFER_SYNTAX);
        SeriesIdentity identity = new SeriesIdentity(v.string(STUDY_UID), seriesUid, v.string(FRAME_OF_REFERENCE),
                v.string(MODALITY), v.string(SOP_CLASS));
        Acquisition acquisition = new Acquisition(v.number(KVP), v.joined(FILTER_TYPE), v.joined(FILTER_MATERIAL),
                v.joined(KERNEL), v.imageType(), v.string(SERIES_DESCRIPTION), v.integer(SERIES_NUMBER));
        double[] spacing = v.numbers(PIXEL_SPACING);
        Double thickness = v.number(SLICE_THICKNESS);
        double[] position = v.numbers(POSITION);
        double[] orientation = v.numbers(ORIENTATION);
        SlicePlane plane = new SlicePlane(rows, columns,
                spacing != null && spacing.length == 2 ? spacing[0] : Double.NaN,
                spacing != null && spacing.length == 2 ? spacing[1] : Double.NaN,
                position != null && position.length == 3 ? position : null,
                orientation != null && orientation.length == 6 ? orientation : null,
                thickness == null ? Double.NaN : thickness);
        Double slope = v.number(RESCALE_SLOPE);
        Double intercept = v.number(RESCALE_INTERCEPT);
        int bitsAllocated = v.unsigned(BITS_ALLOCATED, 16);
        PixelEncoding encoding = new PixelEncoding(ts == null ? "1.2.840.10008.1.2" : ts, bitsAllocated,
                v.unsigned(BITS_STORED, bitsAllocated), v.unsigned(PIXEL_REPRESENTATION, 0) == 1,
                v.unsigned(SAMPLES_PER_PIXEL, 1), v.string(PHOTOMETRIC),
                slope == null || slope == 0 ? 1.0 : slope, intercept == null ? 0.0 : intercept);
        return List.of(new SliceHeader(file, 0, 1, v.string(SOP_INSTANCE), v.integer(INSTANCE_NUMBER), identity,
                acquisition, plane, encoding));
    }

    /** The kept values: text as ASCII, split at backslashes; US as numbers. */
    private static final class Values {

        private final Map<Integer, String> text = new HashMap<>();
        private final Map<Integer, Integer> unsigned = new HashMap<>();

        boolean has(int tag) {
            return text.containsKey(tag) || unsigned.containsKey(tag);
        }

        /** The first value, trimmed; null when absent or blank. */
        String string(int tag) {
            String s = text.get(tag);
            if (s == null) {
                return null;
            }
            int end = s.indexOf('\\');
            String first = (end < 0 ? s : s.substring(0, end)).trim();
            return first.isEmpty() ? null : first;
        }

        /** All values, each trimmed, joined by backslashes and trimmed; null when absent or blank. */
        String joined(int tag) {
            String s = imageTypeLike(tag);
            return s == null || s.isBlank() ? null : s.trim();
        }

        /** Image Type as PixelMed gives it: all values, each trimmed, joined; null only when absent. */
        String imageType() {
            return imageTypeLike(IMAGE_TYPE);
        }

        private String imageTypeLike(int tag) {
            String s = text.get(tag);
            if (s == null) {
                return null;
            }
            String[] values = s.split("\\\\", -1);
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i].trim();
            }
            return String.join("\\", values);
        }

        Integer integer(int tag) {
            String s = string(tag);
            if (s == null) {
                return null;
            }
            try {
                return Integer.valueOf(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        Double number(int tag) {
            double[] values = numbers(tag);
            return values == null ? null : values[0];
        }

        /** All values as numbers; null when absent, empty or not all numbers. */
        double[] numbers(int tag) {
            String s = text.get(tag);
            if (s == null || s.isBlank()) {
                return null;
            }
            String[] parts = s.split("\\\\", -1);
            double[] out = new double[parts.length];
            try {
                for (int i = 0; i < parts.length; i++) {
                    out[i] = Double.parseDouble(parts[i].trim());
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return out;
        }

        int unsigned(int tag, int absent) {
            Integer value = unsigned.get(tag);
            return value == null ? absent : value;
        }
    }

    /**
     * Walks the elements of a little-endian data set (PS3.5 section 7): the File Meta Information in
     * explicit VR, then the data set in the transfer syntax's encoding, up to Pixel Data.
     */
    private static final class Parser {

        private final byte[] b;
        /** Whether {@code b} holds the whole file, so that its end is the data set's. */
        private final boolean whole;
        private final Values values = new Values();
        private int pos;

        Parser(byte[] b, boolean whole) {
            this.b = b;
            this.whole = whole;
        }

        Values values() {
            if (b.length < 132 || b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M') {
                throw NotHandled.INSTANCE;
            }
            pos = 132;
            while (true) {
                need(2);
                if (u16(pos) != 0x0002) {
                    break;
                }
                element(true, true);
            }
            String ts = values.string(TRANSFER_SYNTAX);
            if (ts == null || ts.equals("1.2.840.10008.1.2.2") || ts.equals("1.2.840.10008.1.2.1.99")) {
                throw NotHandled.INSTANCE; // big endian, deflated, or no transfer syntax
            }
            boolean explicit = !ts.equals("1.2.840.10008.1.2");
            while (true) {
                if (pos == b.length && whole) {
                    throw NotHandled.INSTANCE; // no Pixel Data: not an image, or cut off
                }
                need(4);
                if (Integer.compareUnsigned(tag(pos), PIXEL_DATA) >= 0) {
                    return values;
                }
                element(explicit, true);
            }
        }

        /** One element, at top level (values kept) or inside a sequence (skipped). */
        private void element(boolean explicit, boolean topLevel) {
            need(8);
            int tag = tag(pos);
            String vr = null;
            long length;
            if (explicit && tag >>> 16 != 0xFFFE) {
                vr = new String(b, pos + 4, 2, StandardCharsets.ISO_8859_1);
                if (!VRS.contains(vr)) {
                    throw NotHandled.INSTANCE; // PixelMed has its ways with broken VRs
                }
                if (LONG_VRS.contains(vr)) {
                    need(12);
                    length = u32(pos + 8);
                    pos += 12;
                } else {
                    length = u16(pos + 6);
                    pos += 8;
                }
            } else {
                length = u32(pos + 4);
                pos += 8;
            }
            if (tag == SHARED_FUNCTIONAL_GROUPS || tag == PER_FRAME_FUNCTIONAL_GROUPS) {
                throw NotHandled.INSTANCE; // Enhanced image: PixelMed reads the functional groups
            }
            if (length == UNDEFINED) {
                if (vr != null && !vr.equals("SQ") && !vr.equals("UN")) {
                    throw NotHandled.INSTANCE;
                }
                // A sequence; an undefined-length UN holds implicit VR inside (PS3.5 6.2.2).
                sequence(explicit && vr != null && vr.equals("SQ"));
                return;
            }
            need(length);
            String wantedVr = topLevel ? WANTED.get(tag) : null;
            if (wantedVr != null) {
                keep(tag, vr == null ? wantedVr : vr, wantedVr, (int) length);
            }
            pos += (int) length;
        }

        private void keep(int tag, String vr, String wantedVr, int length) {
            if (!vr.equals(wantedVr)) {
                throw NotHandled.INSTANCE;
            }
            if (vr.equals("US")) {
                if (length != 2) {
                    throw NotHandled.INSTANCE;
                }
                values.unsigned.put(tag, u16(pos));
                return;
            }
            int end = pos + length;
            while (end > pos && (b[end - 1] == 0 || b[end - 1] == ' ')) {
                end--;
            }
            boolean number = vr.equals("DS") || vr.equals("IS");
            for (int i = pos; i < end; i++) {
                // Control characters and bytes beyond ASCII (another character set) go to PixelMed, as do
                // numbers with characters no DS or IS may hold (Java would read "1.5d" or "NaN").
                if (b[i] < 0x20 || number && "0123456789+-.eE \\".indexOf(b[i]) < 0) {
                    throw NotHandled.INSTANCE;
                }
            }
            values.text.put(tag, new String(b, pos, end - pos, StandardCharsets.US_ASCII));
        }

        /** Skips the items of an undefined-length sequence, up to and including its delimiter. */
        private void sequence(boolean explicit) {
            while (true) {
                need(8);
                int tag = tag(pos);
                long length = u32(pos + 4);
                pos += 8;
                if (tag == SEQUENCE_END) {
                    return;
                }
                if (tag != ITEM) {
                    throw NotHandled.INSTANCE;
                }
                if (length != UNDEFINED) {
                    need(length);
                    pos += (int) length;
                    continue;
                }
                while (true) {
                    need(8);
                    if (tag(pos) == ITEM_END) {
                        pos += 8;
                        break;
                    }
                    element(explicit, false);
                }
            }
        }

        /** Throws {@link Incomplete} when fewer than n bytes remain: the caller reads more of the file. */
        private void need(long n) {
            if (pos + n > b.length) {
                throw whole ? NotHandled.INSTANCE : Incomplete.INSTANCE;
            }
        }

        private int tag(int at) {
            return u16(at) << 16 | u16(at + 2);
        }

        private int u16(int at) {
            return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
        }

        private long u32(int at) {
            return (u16(at) | (long) u16(at + 2) << 16) & 0xFFFFFFFFL;
        }
    }

    /** The file is of a kind left to PixelMed. */
    private static final class NotHandled extends RuntimeException {
        static final NotHandled INSTANCE = new NotHandled();

        private NotHandled() {
            super(null, null, false, false);
        }
    }

    /** The header goes on beyond the bytes read. */
    private static final class Incomplete extends RuntimeException {
        static final Incomplete INSTANCE = new Incomplete();

        private Incomplete() {
            super(null, null, false, false);
        }
    }
}
