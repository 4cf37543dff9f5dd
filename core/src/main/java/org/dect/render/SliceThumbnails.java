package org.dect.render;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.dect.Bytes;
import org.dect.Parallel;
import org.dect.decompose.LabelCounts;
import org.dect.decompose.Labels;
import org.dect.volume.HuVolume;

/**
 * Every slice small, for the HTML report's scroller: the mixed image in grey as JPEG, and the deposits
 * as a PNG of their colours on transparency, so that the page can show urate, calcium and
 * indeterminate deposits each on or off. A slice is reduced by an integer factor to at most
 * {@link #MAX_SIDE} pixels a side, the grey by the mean of each block, the labels by the most telling
 * label in it (urate, then indeterminate, then calcium: a small deposit stays visible however small the
 * picture). 300 slices of 512² come to about 1.6 MB.
 */
public final class SliceThumbnails {

    static final int MAX_SIDE = 256;
    private static final float JPEG_QUALITY = 0.8f;
    private static final IndexColorModel LABEL_COLOURS = labelColours();

    /** One slice: its grey JPEG, and its deposits' PNG (null when it has none). */
    public record Thumbnail(byte[] greyJpeg, byte[] labelsPng) { }

    private SliceThumbnails() { }

    /**
     * Every slice's thumbnail, in slice order: the slices in {@code threads} runs, each with its own
     * encoders. Slices without deposits (most of them) skip the labels.
     */
    public static List<Thumbnail> of(HuVolume low, HuVolume high, byte[][] labels, LabelCounts counts, Fusion fusion, int threads) {
        int columns = low.geometry().columns();
        int rows = low.geometry().rows();
        int factor = Math.max(1, (Math.max(columns, rows) + MAX_SIDE - 1) / MAX_SIDE);
        int w = columns / factor;
        int h = rows / factor;
        byte[] greyOf = greyTable(fusion);
        int lowWeight256 = (int) Math.round(fusion.lowWeight() * 256);
        int runs = Math.max(1, Math.min(threads, labels.length));
        List<int[]> ranges = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            ranges.add(new int[] {r * labels.length / runs, (r + 1) * labels.length / runs});
        }
        List<List<Thumbnail>> parts = Parallel.map(ranges, threads, range -> {
            List<Thumbnail> out = new ArrayList<>(range[1] - range[0]);
            JpegEncoder e = new JpegEncoder();
            try {
                for (int z = range[0]; z < range[1]; z++) {
                    BufferedImage grey = reducedGrey(low.slices()[z], high.slices()[z], columns, factor, w, h, lowWeight256, greyOf);
                    boolean deposits = counts.inSlice(z, Labels.URATE) + counts.inSlice(z, Labels.CALCIUM)
                            + counts.inSlice(z, Labels.INDETERMINATE) > 0;
                    out.add(new Thumbnail(e.jpeg(grey), deposits ? labelsPng(labels[z], columns, factor, w, h) : null));
                }
            } finally {
                e.dispose();
            }
            return out;
        });
        List<Thumbnail> all = new ArrayList<>(labels.length);
        parts.forEach(all::addAll);
        return all;
    }

    /** The fusion's grey of each mixed HU, as a table from Short.MIN_VALUE on: the window, as the fused series has it. */
    private static byte[] greyTable(Fusion fusion) {
        byte[] t = new byte[1 << 16];
        double lo = fusion.windowCentre() - fusion.windowWidth() / 2;
        for (int i = 0; i < t.length; i++) {
            int hu = i + Short.MIN_VALUE;
            t[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, (hu - lo) / fusion.windowWidth())));
        }
        return t;
    }

    /** The mixed image's grey, each pixel the mean of a block's mixed HU (in fixed point, as the fused series mixes), windowed. */
    private static BufferedImage reducedGrey(short[] low, short[] high, int columns, int factor, int w, int h, int lowWeight256,
                                             byte[] greyOf) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int highWeight256 = 256 - lowWeight256;
        if (factor == 2) { // a 512² slice, the usual case: the block's four voxels summed without the inner loops
            for (int y = 0; y < h; y++) {
                int r0 = 2 * y * columns;
                int r1 = r0 + columns;
                for (int x = 0, c = 0; x < w; x++, c += 2) {
                    int l = low[r0 + c] + low[r0 + c + 1] + low[r1 + c] + low[r1 + c + 1];
                    int hh = high[r0 + c] + high[r0 + c + 1] + high[r1 + c] + high[r1 + c + 1];
                    px[y * w + x] = greyOf[((lowWeight256 * l + highWeight256 * hh) / (4 << 8)) - Short.MIN_VALUE];
                }
            }
            return img;
        }
        int n = factor * factor;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0;
                for (int dy = 0; dy < factor; dy++) {
                    int row = (y * factor + dy) * columns + x * factor;
                    for (int dx = 0; dx < factor; dx++) {
                        sum += lowWeight256 * low[row + dx] + highWeight256 * high[row + dx];
                    }
                }
                px[y * w + x] = greyOf[(sum / (n << 8)) - Short.MIN_VALUE];
            }
        }
        return img;
    }

    /**
     * The deposits' colours on transparency; null for a slice without deposits. Only the labelled
     * voxels are visited (a slice's labels are mostly zero), each raising its block to its rank. The
     * picture is indexed by label ({@link #LABEL_COLOURS}), a byte a pixel ({@link PngEncoder}).
     */
    private static byte[] labelsPng(byte[] labels, int columns, int factor, int w, int h) {
        byte[] best = new byte[w * h];
        boolean any = false;
        for (int i = Bytes.nextNonZero(labels, 0); i < labels.length; i = Bytes.nextNonZero(labels, i + 1)) {
            int x = i % columns / factor;
            int y = i / columns / factor;
            byte l = labels[i];
            if (x < w && y < h && rank(l) > rank(best[y * w + x])) {
                best[y * w + x] = l;
                any = true;
            }
        }
        return any ? PngEncoder.indexed(best, w, h, LABEL_COLOURS) : null;
    }

    /** The deposits' colours, by label value; every other label (none, bone) transparent. */
    private static IndexColorModel labelColours() {
        int n = Math.max(Labels.URATE, Math.max(Labels.CALCIUM, Labels.INDETERMINATE)) + 1;
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        byte[] a = new byte[n];
        for (byte label : new byte[] {Labels.URATE, Labels.CALCIUM, Labels.INDETERMINATE}) {
            int[] c = label == Labels.URATE ? Colours.URATE : label == Labels.CALCIUM ? Colours.CALCIUM : Colours.INDETERMINATE;
            r[label] = (byte) c[0];
            g[label] = (byte) c[1];
            b[label] = (byte) c[2];
            a[label] = (byte) 0xff;
        }
        return new IndexColorModel(8, n, r, g, b, a);
    }

    /** Deposits only (bone is not shown), urate first. */
    private static int rank(byte label) {
        return switch (label) {
            case Labels.URATE -> 3;
            case Labels.INDETERMINATE -> 2;
            case Labels.CALCIUM -> 1;
            default -> 0;
        };
    }

    /** One JPEG writer for all the slices: looking it up and making it per slice cost as much as encoding. */
    private static final class JpegEncoder {
        private final ImageWriter jpeg = ImageIO.getImageWritersByFormatName("jpeg").next();
        private final ImageWriteParam param = jpeg.getDefaultWriteParam();

        JpegEncoder() {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
        }

        byte[] jpeg(BufferedImage img) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                jpeg.setOutput(out);
                jpeg.write(null, new IIOImage(img, null, null), param);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex); // into memory: cannot happen
            } finally {
                jpeg.reset();
            }
            return bytes.toByteArray();
        }

        void dispose() {
            jpeg.dispose();
        }
    }
}
