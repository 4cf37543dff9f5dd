package org.dect.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class PngEncoderTest {

    /**
     * The JDK's PNG reader decodes every pixel to its palette entry, alpha included: a full palette of
     * random colours and alphas on random indices, at a size that is no multiple of anything.
     */
    @Test
    void everyPixelReadsBackAsItsPaletteColour() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        byte[] a = new byte[256];
        random.nextBytes(r);
        random.nextBytes(g);
        random.nextBytes(b);
        random.nextBytes(a);
        IndexColorModel palette = new IndexColorModel(8, 256, r, g, b, a);
        int width = 37;
        int height = 23;
        byte[] pixels = new byte[width * height];
        random.nextBytes(pixels);
        assertEveryPixel(pixels, width, height, palette);
    }

    /** A deposit layer as the report has it: a few labels on transparency, in a few hundred bytes. */
    @Test
    void aMostlyTransparentLayerIsSmall() throws IOException {
        int[][] colours = {{0, 0, 0}, Colours.URATE, Colours.CALCIUM};
        byte[] r = new byte[3];
        byte[] g = new byte[3];
        byte[] b = new byte[3];
        byte[] a = {0, (byte) 255, (byte) 255};
        for (int i = 0; i < 3; i++) {
            r[i] = (byte) colours[i][0];
            g[i] = (byte) colours[i][1];
            b[i] = (byte) colours[i][2];
        }
        IndexColorModel palette = new IndexColorModel(8, 3, r, g, b, a);
        byte[] pixels = new byte[256 * 256];
        for (int y = 100; y < 120; y++) {
            for (int x = 80; x < 95; x++) {
                pixels[y * 256 + x] = 1;
            }
        }
        pixels[31 * 256 + 182] = 2;
        byte[] png = assertEveryPixel(pixels, 256, 256, palette);
        assertTrue(png.length < 1000, png.length + " bytes");
    }

    /** RGB: every pixel reads back as it went in, the top byte ignored, at a width that is no multiple of four. */
    @Test
    void rgbPixelsReadBackAsTheyWentIn() throws IOException {
        int width = 41;
        int height = 7;
        int[] pixels = new SplittableRandom(3).ints(width * height).toArray();
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.rgb(pixels, width, height)));
        assertEquals(width, back.getWidth());
        assertEquals(height, back.getHeight());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertEquals(Integer.toHexString(0xff000000 | pixels[y * width + x]), Integer.toHexString(back.getRGB(x, y)), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void pixelsThatDoNotFillTheSizeAreRefused() {
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[2], new byte[2], new byte[2]);
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.indexed(new byte[11], 3, 4, palette));
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.rgb(new int[11], 3, 4));
    }

    private static byte[] assertEveryPixel(byte[] pixels, int width, int height, IndexColorModel palette) throws IOException {
        byte[] png = PngEncoder.indexed(pixels, width, height, palette);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(width, back.getWidth());
        assertEquals(height, back.getHeight());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int index = pixels[y * width + x] & 0xff;
                assertEquals(Integer.toHexString(palette.getRGB(index)), Integer.toHexString(back.getRGB(x, y)), "pixel " + x + "," + y);
            }
        }
        return png;
    }
}
