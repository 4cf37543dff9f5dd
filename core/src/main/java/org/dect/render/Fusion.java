package org.dect.render;

import org.dect.decompose.Labels;

/**
 * The fused picture: a grey mixed image, M = w·HU_L + (1 − w)·HU_H, shown through a window, with urate
 * and calcium blended in their colours at a chosen opacity. One interleaved RGB byte array per slice,
 * made when it is needed.
 *
 * @param lowWeight weight w of the low-kVp image in the mixed image (0.6 approximates a 120 kVp image at 80/Sn150)
 * @param opacity   share of the material colour in a labelled voxel, 0..1
 */
public record Fusion(double windowCentre, double windowWidth, double lowWeight, double opacity) {

    public static final Fusion DEFAULT = new Fusion(300, 1500, 0.6, 0.6);

    public Fusion {
        if (windowWidth <= 0 || lowWeight < 0 || lowWeight > 1 || opacity < 0 || opacity > 1) {
            throw new IllegalArgumentException("window width must be positive, weight and opacity within 0..1");
        }
    }

    /** Lowest and highest mixed HU of the grey lookup table; beyond them the grey saturates anyway. */
    private static final int MIN_HU = -2048;
    private static final int MAX_HU = 4095;

    /**
     * One slice, through two lookup tables built once per slice: grey level by mixed HU, and RGB by
     * label and grey level, packed in an int. The per-voxel work is a fixed-point blend and two table
     * reads (a floating-point version took a third of a whole run; three byte tables, 1.6 times as long).
     */
    public byte[] slice(short[] low, short[] high, byte[] labels) {
        byte[] greyOf = greyTable();
        int[] rgbOf = colourTable();
        int wl = (int) Math.round(lowWeight * 256);
        int wh = 256 - wl;
        byte[] out = new byte[low.length * 3];
        for (int i = 0, o = 0; i < low.length; i++, o += 3) {
            int mixed = (wl * low[i] + wh * high[i]) >> 8;
            int grey = greyOf[Math.max(MIN_HU, Math.min(MAX_HU, mixed)) - MIN_HU] & 0xff;
            int rgb = rgbOf[labels[i] << 8 | grey];
            out[o] = (byte) (rgb >> 16);
            out[o + 1] = (byte) (rgb >> 8);
            out[o + 2] = (byte) rgb;
        }
        return out;
    }

    private byte[] greyTable() {
        byte[] t = new byte[MAX_HU - MIN_HU + 1];
        double lo = windowCentre - windowWidth / 2;
        for (int hu = MIN_HU; hu <= MAX_HU; hu++) {
            t[hu - MIN_HU] = (byte) Math.round(255 * Math.max(0, Math.min(1, (hu - lo) / windowWidth)));
        }
        return t;
    }

    /** Per label (none, urate, calcium, bone) and grey level, at label·256 + grey: the blended RGB as 0xRRGGBB. */
    private int[] colourTable() {
        int[][] colours = {null, Colours.URATE, Colours.CALCIUM, Colours.BONE};
        int[] t = new int[colours.length * 256];
        for (int label = 0; label < colours.length; label++) {
            double a = label == Labels.BONE ? opacity / 2 : opacity;
            for (int grey = 0; grey < 256; grey++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    int v = colours[label] == null ? grey : (int) Math.round((1 - a) * grey + a * colours[label][c]);
                    rgb = rgb << 8 | v;
                }
                t[label << 8 | grey] = rgb;
            }
        }
        return t;
    }
}
