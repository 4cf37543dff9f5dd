package org.dect.dicom.read;

import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.stream.FileImageInputStream;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.imageio.plugins.dcm.DicomImageReader;
import org.dcm4che3.imageio.plugins.dcm.DicomImageReaderSpi;
import org.dcm4che3.io.DicomInputStream;

import org.dect.InputException;
import org.dect.Parallel;
import org.dect.ProgressListener;

/**
 * Decodes the pixels of slices and rescales them to whole Hounsfield units:
 * HU = round(stored · Rescale Slope + Rescale Intercept), stored taken as Bits Stored wide, signed
 * when Pixel Representation is 1 (PS3.3 C.7.6.3.1.4, C.11.1.1.2). Uncompressed pixels are read
 * straight from where the header scan found Pixel Data, without parsing the file again; deflated
 * files are inflated by dcm4che's parser; compressed ones are decoded by dcm4che's
 * {@code DicomImageReader} with the readers of {@link Codecs}. Each file is read once, whatever
 * number of its frames is wanted, files in parallel.
 */
public final class PixelReader {

    private static final int REUSED_BUFFER_BYTES = 8 << 20;
    private static final ThreadLocal<ByteBuffer> BUFFER = new ThreadLocal<>();

    /**
     * How long one compressed frame may take to decode, by default. A 512×512 JPEG 2000 frame takes about
     * 30 ms here. jai-imageio's decoder loops for ever on a codestream with two 0xFF bytes in a row in a
     * packet header (which no valid one has: its bit reader then returns the stuffed byte's 1-bits
     * without reading; found by ReadFuzzTest), and so would a node that received one.
     */
    public static final Duration DECODE_TIMEOUT = Duration.ofSeconds(30);

    /** Daemon threads for compressed frames, so that a decoder that never returns keeps no JVM from exiting. */
    private static final ExecutorService DECODERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "dect-decoder");
        t.setDaemon(true);
        return t;
    });

    private final int threads;
    private final ProgressListener progress;
    private final Duration decodeTimeout;
    /**
     * {@link #huTable}s by what they depend on ({@link #tableKey}): a series has one, so it is made once,
     * not per file.
     */
    private final Map<String, short[]> huTables = new ConcurrentHashMap<>();

    public PixelReader(int threads, ProgressListener progress) {
        this(threads, progress, DECODE_TIMEOUT);
    }

    /** @param decodeTimeout how long one compressed frame may take to decode before it is refused as malformed */
    public PixelReader(int threads, ProgressListener progress, Duration decodeTimeout) {
        this.threads = Math.max(1, threads);
        this.progress = progress;
        this.decodeTimeout = decodeTimeout;
    }

    /** HU of each slice, in the order given, x fastest. */
    public short[][] readHu(List<SliceHeader> slices) {
        for (SliceHeader s : slices) {
            Codecs.requireDecodable(s);
            requireGreyscale(s);
        }
        Map<Path, List<Integer>> byFile = new LinkedHashMap<>();
        for (int i = 0; i < slices.size(); i++) {
            byFile.computeIfAbsent(slices.get(i).file(), k -> new ArrayList<>()).add(i);
        }
        short[][] out = new short[slices.size()][];
        AtomicInteger done = new AtomicInteger();
        Parallel.map(new ArrayList<>(byFile.entrySet()), threads, entry -> {
            try {
                readFile(slices, entry.getValue(), out, done);
            } catch (InputException e) {
                throw e;
            } catch (EOFException e) {
                throw new InputException(entry.getKey() + " is truncated: its pixel data ends early. Export the series again.", e);
            } catch (IOException | RuntimeException e) {
                // What dcm4che and the codecs throw on malformed data (an IOException, or a runtime exception
                // from deep inside a decoder) is the file's fault: a codec bug is no cause dect can fix either.
                throw new InputException("Cannot decode the pixels of " + entry.getKey() + ": "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            } catch (OutOfMemoryError e) {
                throw new InputException("Cannot decode the pixels of " + entry.getKey() + ": a length in the file is corrupt or too large.");
            } catch (StackOverflowError e) {
                throw new InputException("Cannot decode the pixels of " + entry.getKey() + ": the compressed data is malformed.");
            } catch (Error e) {
                if (e instanceof LinkageError || e instanceof VirtualMachineError) {
                    throw e; // a class or the JVM missing: dect's packaging, not the file
                }
                // jai-imageio reports a broken JPEG 2000 codestream as a bare java.lang.Error (found by ReadFuzzTest).
                throw new InputException("Cannot decode the pixels of " + entry.getKey() + ": " + e.getMessage(), e);
            }
            return null;
        });
        return out;
    }

    private void readFile(List<SliceHeader> slices, List<Integer> wanted, short[][] out, AtomicInteger done) throws IOException {
        SliceHeader first = slices.get(wanted.get(0));
        String ts = first.encoding().transferSyntaxUid();
        if (Codecs.encapsulated(ts)) {
            decodeCompressed(slices, wanted, out, done);
            return;
        }
        if (first.pixelData().encapsulated()) {
            throw new InputException(first.file() + " holds compressed (encapsulated) pixel data, but its transfer syntax, "
                    + Codecs.name(ts) + ", says uncompressed: the file is inconsistent. Export the series again.");
        }
        byte[] deflated = ts.equals(UID.DeflatedExplicitVRLittleEndian) ? inflatedPixelData(first.file()) : null;
        ByteOrder order = ts.equals(UID.ExplicitVRBigEndian) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        try (FileChannel channel = deflated == null ? FileChannel.open(first.file(), StandardOpenOption.READ) : null) {
            for (int index : wanted) {
                SliceHeader slice = slices.get(index);
                int n = slice.plane().rows() * slice.plane().columns();
                int bytesPerSample = slice.encoding().bitsAllocated() / 8;
                long frameBytes = (long) n * bytesPerSample;
                long start = frameBytes * slice.frame();
                long available = deflated != null ? deflated.length : slice.pixelData().length();
                if (start + frameBytes > available) {
                    throw new InputException(slice.describe() + " is truncated: " + available + " pixel bytes where "
                            + (start + frameBytes) + " are needed. Export the series again.");
                }
                ByteBuffer bytes = deflated != null ? ByteBuffer.wrap(deflated, (int) start, (int) frameBytes).slice()
                        : read(channel, slice.pixelData().offset() + start, (int) frameBytes);
                bytes.order(order);
                out[index] = bytesPerSample == 2 && LaneRescale.applies(slice.encoding())
                        ? LaneRescale.apply(bytes, slice.encoding(), huTable(slice), new short[n])
                        : rescale(slice, stored(bytes, n, bytesPerSample));
                progress.progress("read", done.incrementAndGet(), slices.size());
            }
        }
    }

    /** Stored values of one frame as 16-bit patterns: 16-bit samples as they are, 8-bit ones widened unsigned. */
    private static short[] stored(ByteBuffer bytes, int n, int bytesPerSample) {
        short[] values = new short[n];
        if (bytesPerSample == 2) {
            bytes.asShortBuffer().get(values);
        } else {
            for (int i = 0; i < n; i++) {
                values[i] = (short) (bytes.get(i) & 0xff);
            }
        }
        return values;
    }

    /**
     * {@code length} bytes at {@code position} into this thread's direct buffer: the kernel reads into it
     * without the copy through a temporary that a heap buffer costs, and keeping it saves half a megabyte
     * of garbage per slice (a third of the time to read a 512×512×300 pair, README "Performance"). A
     * frame larger than {@link #REUSED_BUFFER_BYTES} gets a heap buffer of its own.
     */
    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer b;
        if (length > REUSED_BUFFER_BYTES) {
            b = ByteBuffer.allocate(length);
        } else {
            b = BUFFER.get();
            if (b == null || b.capacity() < length) {
                b = ByteBuffer.allocateDirect(length);
                BUFFER.set(b);
            }
            b.clear().limit(length);
        }
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new EOFException();
            }
        }
        return b.flip();
    }

    /** The Pixel Data of a deflated file, inflated by dcm4che; little endian, as deflate is explicit VR little endian. */
    private static byte[] inflatedPixelData(Path file) throws IOException {
        Attributes attributes;
        // Not limited to the file's length: the inflated data set is larger than the file. dcm4che's default
        // allocation limit still grows a value's array step by step, so a corrupt length cannot take the heap.
        try (DicomInputStream in = new DicomInputStream(file.toFile())) {
            attributes = in.readDataset();
        }
        byte[] pixels = attributes.getBytes(Tag.PixelData);
        if (pixels == null) {
            throw new EOFException();
        }
        return pixels;
    }

    /** Frames of a compressed file through dcm4che's DicomImageReader, one reader for all wanted frames. */
    private void decodeCompressed(List<SliceHeader> slices, List<Integer> wanted, short[][] out, AtomicInteger done)
            throws IOException {
        Codecs.init();
        Path file = slices.get(wanted.get(0)).file();
        DicomImageReader reader = (DicomImageReader) new DicomImageReaderSpi().createReaderInstance(null);
        try (FileImageInputStream in = new FileImageInputStream(file.toFile())) {
            reader.setInput(in);
            for (int index : wanted) {
                SliceHeader slice = slices.get(index);
                Raster raster = decodeWithTimeout(reader, slice);
                int n = slice.plane().rows() * slice.plane().columns();
                if (raster.getWidth() != slice.plane().columns() || raster.getHeight() != slice.plane().rows()
                        || raster.getNumBands() != 1) {
                    throw new InputException(slice.describe() + ": the compressed image is " + raster.getWidth() + "x"
                            + raster.getHeight() + " with " + raster.getNumBands() + " band(s), the header says "
                            + slice.plane().columns() + "x" + slice.plane().rows() + " greyscale.");
                }
                out[index] = rescale(slice, samples(raster.getDataBuffer(), n));
                progress.progress("read", done.incrementAndGet(), slices.size());
            }
        } finally {
            reader.dispose();
        }
    }

    /**
     * One frame through the codec, on a decoder thread, waiting at most the decode timeout. A decoder
     * that has not finished by then is stopped where the JVM still allows it ({@link #stop}); elsewhere
     * it stays a daemon thread until the JVM exits.
     */
    private Raster decodeWithTimeout(DicomImageReader reader, SliceHeader slice) throws IOException {
        AtomicReference<Thread> decoder = new AtomicReference<>();
        Future<Raster> decoding = DECODERS.submit(() -> {
            decoder.set(Thread.currentThread());
            return reader.readRaster(slice.frame(), null);
        });
        try {
            return decoding.get(decodeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            decoding.cancel(true);
            stop(decoder.get());
            throw new InputException(slice.describe() + ": the " + Codecs.name(slice.encoding().transferSyntaxUid())
                    + " decoder did not finish in " + decodeTimeout.toSeconds() + " s, so the compressed data is malformed. "
                    + "Export the series again, or uncompressed.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding " + slice.describe(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    /**
     * Stops a decoder stuck in a loop that reads nothing and checks no interrupt. {@code Thread.stop} is
     * unsafe for shared state, and this decoder's state is its own, thrown away with it. JDK 20 and later
     * refuse it; the thread then runs on as a daemon.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread decoder) {
        if (decoder == null) {
            return;
        }
        try {
            decoder.stop();
        } catch (UnsupportedOperationException refused) {
            // JDK 20+: nothing more can be done from here
        }
    }

    /** The decoded samples as 16-bit patterns (bytes widened unsigned), whatever buffer type the codec made. */
    private static short[] samples(DataBuffer buffer, int n) {
        short[] values = new short[n];
        if (buffer instanceof DataBufferUShort u) {
            System.arraycopy(u.getData(), 0, values, 0, n);
        } else if (buffer instanceof DataBufferShort s) {
            System.arraycopy(s.getData(), 0, values, 0, n);
        } else if (buffer instanceof DataBufferByte b) {
            byte[] data = b.getData();
            for (int i = 0; i < n; i++) {
                values[i] = (short) (data[i] & 0xff);
            }
        } else {
            for (int i = 0; i < n; i++) {
                values[i] = (short) buffer.getElem(i);
            }
        }
        return values;
    }

    private static void requireGreyscale(SliceHeader slice) {
        SliceHeader.PixelEncoding enc = slice.encoding();
        if (enc.samplesPerPixel() != 1) {
            throw new InputException(slice.file() + " holds colour pixels (" + enc.samplesPerPixel()
                    + " samples per pixel); a CT slice must be greyscale.");
        }
        if (enc.bitsAllocated() != 8 && enc.bitsAllocated() != 16) {
            throw new InputException(slice.file() + " has " + enc.bitsAllocated() + " bits allocated per pixel; "
                    + "a CT slice has 16 (or 8).");
        }
        if (enc.bitsStored() < 1 || enc.bitsStored() > enc.bitsAllocated()) {
            throw new InputException(slice.file() + " has Bits Stored " + enc.bitsStored() + " with Bits Allocated "
                    + enc.bitsAllocated() + "; Bits Stored must be 1 to Bits Allocated.");
        }
        if (enc.bitsAllocated() == 8 && enc.transferSyntaxUid().equals(UID.ExplicitVRBigEndian)) {
            throw new InputException(slice.file() + " holds 8-bit pixels in big-endian encoding, which dect does not read; "
                    + "convert it to little endian first (dcmtk: dcmconv +te IN.dcm OUT.dcm).");
        }
    }

    /**
     * Rescales in place: the decoded array holds exactly this slice, so no second array per slice is
     * made for the collector.
     */
    private short[] rescale(SliceHeader slice, short[] stored) {
        return rescale(stored, 0, stored.length, huTable(slice), stored);
    }

    private short[] huTable(SliceHeader slice) {
        return huTables.computeIfAbsent(tableKey(slice.encoding()), k -> huTable(slice.encoding()));
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
     * and the same for any slope and intercept. The table takes only the low Bits Stored bits of a
     * pattern, so a codec that returns signed samples sign-extended (JPEG 2000) and one that returns the
     * raw pattern give the same HU. Without a rescale (which only a non-CT image may lack) it is 1 and 0.
     */
    static short[] huTable(SliceHeader.PixelEncoding enc) {
        int bits = Math.min(16, Math.min(enc.bitsStored(), enc.bitsAllocated()));
        int mask = (1 << bits) - 1;
        int signShift = 32 - bits;
        double slope = Double.isNaN(enc.rescaleSlope()) || enc.rescaleSlope() == 0 ? 1 : enc.rescaleSlope();
        double intercept = Double.isNaN(enc.rescaleIntercept()) ? 0 : enc.rescaleIntercept();
        short[] table = new short[1 << 16];
        for (int stored = 0; stored < table.length; stored++) {
            int v = stored & mask;
            if (enc.signed()) {
                v = (v << signShift) >> signShift;
            }
            table[stored] = clamp(Math.round(v * slope + intercept));
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
