package org.dect.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.dect.OutputException;

/** Writes images as PNG through the JDK's ImageIO encoder. */
final class Png {

    private Png() { }

    static void write(BufferedImage image, Path file) {
        try {
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new OutputException("No PNG encoder available to write " + file);
            }
        } catch (IOException e) {
            throw new OutputException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** An interleaved RGB slice as an image. */
    static BufferedImage fromRgb(byte[] rgb, int columns, int rows) {
        BufferedImage img = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int i = 3 * (y * columns + x);
                img.setRGB(x, y, (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff));
            }
        }
        return img;
    }
}
