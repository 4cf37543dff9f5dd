package org.dect.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;

/**
 * The value representation of each attribute dect writes, from a small table
 * ({@code value-representations.txt}) rather than PixelMed's data dictionary: the dictionary is parsed
 * from a 1 MB XML file on first use, which costs half a second at start plus a second of JIT work
 * that competes with the pipeline on a two-core machine. A tag missing from the table still gets the
 * dictionary's answer; it is only slower.
 */
final class ValueRepresentations {

    static final String RESOURCE = "value-representations.txt";

    private static final Map<AttributeTag, byte[]> TABLE = load();

    private ValueRepresentations() { }

    static byte[] of(AttributeTag tag) {
        byte[] vr = TABLE.get(tag);
        return vr != null ? vr : AttributeList.getDictionary().getValueRepresentationFromTag(tag);
    }

    /** Lines "gggg,eeee VR Keyword"; # starts a comment. */
    private static Map<AttributeTag, byte[]> load() {
        Map<AttributeTag, byte[]> table = new HashMap<>();
        try (InputStream in = ValueRepresentations.class.getResourceAsStream(RESOURCE);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                table.put(new AttributeTag(Integer.parseInt(f[0].substring(0, 4), 16), Integer.parseInt(f[0].substring(5, 9), 16)),
                        f[1].getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + " from the dect jar", e);
        }
        return table;
    }
}
