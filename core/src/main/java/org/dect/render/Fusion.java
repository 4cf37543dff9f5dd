package org.dect.render;

import org.dect.decompose.Labels;
import org.dect.lesion.Slabs;
import org.dect.volume.HuVolume;

/**
 * The fused picture: a grey mixed image, M = w·HU_L + (1 − w)·HU_H, shown through a window, with urate
 * and calcium blended in their colours at a chosen opacity. One interleaved RGB byte array per slice.
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

    public byte[][] render(HuVolume low, HuVolume high, byte[][] labels, int threads) {
        int slices = low.geometry().slices();
        byte[][] rgb = new byte[slices][];
        Slabs.forEachSlice(slices, threads, z -> rgb[z] = slice(low.slices()[z], high.slices()[z], labels[z]));
        return rgb;
    }

    byte[] slice(short[] low, short[] high, byte[] labels) {
        byte[] out = new byte[low.length * 3];
        double lo = windowCentre - windowWidth / 2;
        for (int i = 0; i < low.length; i++) {
            double mixed = lowWeight * low[i] + (1 - lowWeight) * high[i];
            int grey = (int) Math.round(255 * Math.max(0, Math.min(1, (mixed - lo) / windowWidth)));
            int[] colour = labels[i] == Labels.URATE ? Colours.URATE : labels[i] == Labels.CALCIUM ? Colours.CALCIUM
                    : labels[i] == Labels.BONE ? Colours.BONE : null;
            double a = labels[i] == Labels.BONE ? opacity / 2 : opacity;
            for (int c = 0; c < 3; c++) {
                int v = colour == null ? grey : (int) Math.round((1 - a) * grey + a * colour[c]);
                out[3 * i + c] = (byte) v;
            }
        }
        return out;
    }
}
