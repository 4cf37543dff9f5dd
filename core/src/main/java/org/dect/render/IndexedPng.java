package org.dect.render;

import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * An indexed-colour PNG (colour type 3, a byte a pixel, the palette's alphas in tRNS), its rows
 * unfiltered and deflated at the fastest level: the report's deposit layers, nearly all transparent.
 * ImageIO's PNG writer took 3 ms for a 256² layer under the quick JIT at any deflate level, nearly
 * all of it in its per-row filtering in Java; this takes 0.25 ms, and either file is a few hundred bytes.
 */
final class IndexedPng {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private IndexedPng() { }

    /** The PNG of {@code pixels} (row by row, each an index into {@code palette}). */
    static byte[] encode(byte[] pixels, int width, int height, IndexColorModel palette) {
        if (pixels.length != width * height || palette.getMapSize() > 256) {
            throw new IllegalArgumentException(width + "x" + height + " pixels, " + pixels.length + " given; "
                    + palette.getMapSize() + " colours (at most 256)");
        }
        int n = palette.getMapSize();
        byte[] reds = new byte[n];
        byte[] greens = new byte[n];
        byte[] blues = new byte[n];
        byte[] alphas = new byte[n];
        palette.getReds(reds);
        palette.getGreens(greens);
        palette.getBlues(blues);
        palette.getAlphas(alphas);
        byte[] rgb = new byte[3 * n];
        for (int i = 0; i < n; i++) {
            rgb[3 * i] = reds[i];
            rgb[3 * i + 1] = greens[i];
            rgb[3 * i + 2] = blues[i];
        }
        try {
            ByteArrayOutputStream header = new ByteArrayOutputStream(13);
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.write(new byte[] {8, 3, 0, 0, 0}); // bit depth, colour type (palette), compression, filter method, no interlace
            ByteArrayOutputStream png = new ByteArrayOutputStream(1024);
            png.write(SIGNATURE);
            DataOutputStream out = new DataOutputStream(png);
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "PLTE", rgb);
            chunk(out, "tRNS", alphas);
            chunk(out, "IDAT", deflatedRows(pixels, width, height));
            chunk(out, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: cannot happen
        }
    }

    /** The zlib stream of the rows, each after its filter byte 0 (none). */
    private static byte[] deflatedRows(byte[] pixels, int width, int height) throws IOException {
        byte[] raw = new byte[(width + 1) * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(pixels, y * width, raw, y * (width + 1) + 1, width);
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
            try (DeflaterOutputStream z = new DeflaterOutputStream(bytes, deflater, 8192)) {
                z.write(raw);
            }
            return bytes.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
