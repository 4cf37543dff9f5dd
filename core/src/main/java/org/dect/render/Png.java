package org.dect.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dect.OutputException;

/** Writes images as PNG ({@link PngEncoder}). */
final class Png {

    private Png() { }

    static void write(BufferedImage image, Path file) {
        int w = image.getWidth();
        int h = image.getHeight();
        // An image of its own in 0xRRGGBB, as all of dect's are, is encoded from its array; any other is copied.
        int[] own = image.getType() == BufferedImage.TYPE_INT_RGB ? ((DataBufferInt) image.getRaster().getDataBuffer()).getData() : null;
        int[] pixels = own != null && own.length == w * h ? own : image.getRGB(0, 0, w, h, null, 0, w);
        try {
            Files.write(file, PngEncoder.rgb(pixels, w, h));
        } catch (IOException e) {
            throw new OutputException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * An interleaved RGB slice as an image, written straight into its pixel array (setRGB per pixel
     * goes through the colour model and cost 15 ms a slice).
     */
    static BufferedImage fromRgb(byte[] rgb, int columns, int rows) {
        BufferedImage img = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0, o = 0; i < pixels.length; i++, o += 3) {
            pixels[i] = (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
        }
        return img;
    }
}
