package org.dect.dicom;

import java.util.Map;

import org.dect.InputException;

/** Names of transfer syntaxes, and the ones PixelMed cannot decode with the fix for each. */
public final class TransferSyntaxes {

    private TransferSyntaxes() { }

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2", "Implicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.1", "Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"),
            Map.entry("1.2.840.10008.1.2.2", "Explicit VR Big Endian"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (8-bit lossy)"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (12-bit lossy)"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.5", "RLE Lossless"));

    public static String name(String uid) {
        String name = NAMES.get(uid);
        return name != null ? name : "transfer syntax " + uid;
    }

    /**
     * Throws when PixelMed cannot decode this slice's pixel data: JPEG-LS (PixelMed has no JPEG-LS
     * decoder) and 12-bit JPEG Extended (the JDK's JPEG reader handles 8-bit only).
     */
    public static void requireDecodable(SliceHeader slice) {
        String ts = slice.encoding().transferSyntaxUid();
        String fix = null;
        if (ts.equals("1.2.840.10008.1.2.4.80") || ts.equals("1.2.840.10008.1.2.4.81")) {
            fix = "dcmdjpls IN.dcm OUT.dcm";
        } else if (ts.equals("1.2.840.10008.1.2.4.51") && slice.encoding().bitsStored() > 8) {
            fix = "dcmdjpeg IN.dcm OUT.dcm";
        }
        if (fix != null) {
            throw new InputException(slice.file() + " is compressed with " + name(ts) + " (" + ts
                    + "), which this tool's DICOM library (PixelMed) cannot decode. Decompress the series first with dcmtk ("
                    + "apt-get install dcmtk): " + fix + " for each file, e.g. "
                    + "for f in DIR/*; do " + fix.replace("IN.dcm", "\"$f\"").replace("OUT.dcm", "\"OUT/$(basename \"$f\")\"")
                    + "; done");
        }
    }
}
