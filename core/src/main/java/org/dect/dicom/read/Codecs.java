package org.dect.dicom.read;

import java.util.Map;
import java.util.Set;

import javax.imageio.spi.IIORegistry;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import jj2000.j2k.util.FacilityManager;
import jj2000.j2k.util.MsgLogger;

import org.dcm4che3.data.UID;
import org.dcm4che3.imageio.codec.ImageReaderFactory;
import org.dcm4che3.imageio.codec.ImageReaderFactory.ImageReaderParam;
import org.dcm4che3.imageio.plugins.rle.RLEImageReaderSpi;

import org.dect.InputException;

/**
 * The one place that says which transfer syntax is decoded by what. Uncompressed syntaxes (little and
 * big endian, implicit and explicit VR, deflated) are read by {@link PixelReader} itself; compressed
 * ones by dcm4che's {@code DicomImageReader} through these pure-Java ImageIO readers, registered here
 * explicitly, since the factory dcm4che ships points every JPEG syntax at a native OpenCV reader that
 * is not there:
 * <ul>
 *   <li>JPEG baseline (8-bit lossy): the JDK's reader;</li>
 *   <li>JPEG lossless (process 14, any predictor, and its first-order variant SV1): TwelveMonkeys;</li>
 *   <li>JPEG 2000, lossless and lossy: jai-imageio (it returns signed samples sign-extended, the
 *       others the raw bit pattern; {@link PixelReader}'s table gives the same HU from either);</li>
 *   <li>RLE: dcm4che's own reader.</li>
 * </ul>
 * JPEG-LS, 12-bit lossy JPEG, High-Throughput JPEG 2000 and JPEG XL have no pure-Java reader; they are
 * refused with the command that converts them.
 */
public final class Codecs {

    private static final String JDK_JPEG = "com.sun.imageio.plugins.jpeg.JPEGImageReader";
    private static final String TWELVEMONKEYS_JPEG = "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader";
    private static final String JAI_JPEG_2000 = "com.github.jaiimageio.jpeg2000.impl.J2KImageReader";
    private static final String DCM4CHE_RLE = "org.dcm4che3.imageio.plugins.rle.RLEImageReader";

    /** Read by {@link PixelReader} without a codec. */
    static final Set<String> NATIVE = Set.of(UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian, UID.ExplicitVRBigEndian,
            UID.DeflatedExplicitVRLittleEndian);

    /** Compressed syntaxes and their readers: ImageIO format name, reader class. */
    private static final Map<String, String[]> READERS = Map.of(
            UID.JPEGBaseline8Bit, new String[] {"jpeg", JDK_JPEG},
            UID.JPEGExtended12Bit, new String[] {"jpeg", JDK_JPEG}, // 8-bit samples only: see requireDecodable
            UID.JPEGLossless, new String[] {"jpeg", TWELVEMONKEYS_JPEG},
            UID.JPEGLosslessSV1, new String[] {"jpeg", TWELVEMONKEYS_JPEG},
            UID.JPEG2000Lossless, new String[] {"jpeg2000", JAI_JPEG_2000},
            UID.JPEG2000, new String[] {"jpeg2000", JAI_JPEG_2000},
            UID.RLELossless, new String[] {"rle", DCM4CHE_RLE});

    /**
     * Every transfer syntax dect reads: what the node accepts in negotiation. (JPEG Extended is read for
     * 8-bit samples only; a 12-bit one is accepted and then refused, by name, when it is decoded.)
     */
    public static Set<String> transferSyntaxes() {
        java.util.Set<String> all = new java.util.TreeSet<>(NATIVE);
        all.addAll(READERS.keySet());
        return all;
    }

    /** Syntaxes no reader here decodes, with what the user can do about it. */
    private static final Map<String, String> CONVERSIONS = Map.of(
            UID.JPEGLSLossless, "dcmdjpls IN.dcm OUT.dcm",
            UID.JPEGLSNearLossless, "dcmdjpls IN.dcm OUT.dcm",
            UID.JPEGExtended12Bit, "dcmdjpeg IN.dcm OUT.dcm");

    static {
        // jai-imageio's decoder logs through a default logger that prints to System.out (a --json
        // report on stdout would carry its warnings); the messages are worded into dect's own errors.
        FacilityManager.registerMsgLogger(null, new MsgLogger() {
            @Override
            public void printmsg(int severity, String message) { }

            @Override
            public void println(String text, int firstLineIndent, int indent) { }

            @Override
            public void flush() { }
        });
        IIORegistry registry = IIORegistry.getDefaultInstance();
        registry.registerServiceProvider(new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi());
        registry.registerServiceProvider(new J2KImageReaderSpi());
        registry.registerServiceProvider(new RLEImageReaderSpi());
        ImageReaderFactory factory = new ImageReaderFactory();
        READERS.forEach((ts, reader) -> factory.put(ts, new ImageReaderParam(reader[0], reader[1], null, new String[0])));
        ImageReaderFactory.setDefault(factory);
    }

    private Codecs() { }

    /** Makes sure the readers are registered before dcm4che looks one up. */
    static void init() {
        // the static initialiser does the work
    }

    /** "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", from dcm4che's table. */
    public static String name(String uid) {
        String name = UID.nameOf(uid);
        return name == null || name.equals("?") ? "transfer syntax " + uid : name;
    }

    /** Whether the pixel data of this syntax is compressed, so that a codec decodes it. */
    static boolean encapsulated(String uid) {
        return !NATIVE.contains(uid);
    }

    /**
     * Throws, naming the file and what to do, when this slice's pixel data cannot be decoded here: a
     * syntax without a reader, or 12-bit samples in lossy JPEG (the JDK's reader takes 8 bits).
     */
    public static void requireDecodable(SliceHeader slice) {
        String ts = slice.encoding().transferSyntaxUid();
        boolean twelveBitJpeg = ts.equals(UID.JPEGExtended12Bit) && slice.encoding().bitsStored() > 8;
        if (NATIVE.contains(ts) || READERS.containsKey(ts) && !twelveBitJpeg) {
            return;
        }
        String fix = CONVERSIONS.get(ts);
        String what = slice.file() + " is compressed with " + name(ts) + " (" + ts + ")";
        if (fix == null) {
            throw new InputException(what + ", which dect has no decoder for (it reads uncompressed data, deflate, RLE, "
                    + "JPEG baseline and lossless, and JPEG 2000). Export the series uncompressed (Explicit VR Little Endian) "
                    + "from the scanner or PACS, or convert it with a tool that decodes this syntax.");
        }
        throw new InputException(what + ", which dect's pure-Java decoders cannot decode. Decompress the series first with "
                + "dcmtk (apt-get install dcmtk): " + fix + " for each file, e.g. for f in DIR/*; do "
                + fix.replace("IN.dcm", "\"$f\"").replace("OUT.dcm", "\"OUT/$(basename \"$f\")\"") + "; done");
    }
}
