package org.dect.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.dect.OutputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {

    @TempDir
    Path tmp;

    /** Interleaved RGB in, PNG out, and every pixel reads back as it went in (PNG is lossless at any level). */
    @Test
    void anRgbSliceReadsBackPixelForPixel() throws IOException {
        int columns = 37;
        int rows = 23;
        byte[] rgb = new byte[3 * columns * rows];
        new SplittableRandom(5).nextBytes(rgb);
        Path file = tmp.resolve("slice.png");
        Files.write(file, new byte[200_000]); // an older, larger file in the way must not leave a tail behind
        Png.write(Png.fromRgb(rgb, columns, rows), file);
        assertTrue(Files.size(file) < 3 * columns * rows + 1000, "the old file's tail is gone: " + Files.size(file));
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(columns, back.getWidth());
        assertEquals(rows, back.getHeight());
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int i = 3 * (y * columns + x);
                int expected = (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
                assertEquals(expected, back.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
    }

    /** A folder in the way of the file: an OutputException naming it, not an internal error. */
    @Test
    void aFileThatCannotBeWrittenIsAnOutputError() throws IOException {
        Path file = Files.createDirectories(tmp.resolve("taken.png").resolve("inside")).getParent();
        OutputException e = assertThrows(OutputException.class, () -> Png.write(Png.fromRgb(new byte[3 * 4], 2, 2), file));
        assertTrue(e.getMessage().contains("taken.png"), e.getMessage());
    }
}
