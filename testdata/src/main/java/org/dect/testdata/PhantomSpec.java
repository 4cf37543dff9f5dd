package org.dect.testdata;

import java.util.Locale;

/**
 * What to simulate. The field of view is fixed at {@value #FOV_MM} mm (an extremity fills about half
 * of it) and slices are {@value #SLICE_SPACING_MM} mm apart, so a larger size means finer pixels or a
 * longer stretch of the limb, never a different anatomy.
 *
 * @param noiseLow  standard deviation of the image noise at low kVp, HU (clinical: about 20)
 * @param noiseHigh standard deviation at high kVp, HU (clinical: about 12)
 */
public record PhantomSpec(KvpPair pair, Scenario scenario, int columns, int rows, int slices, long seed,
                          double noiseLow, double noiseHigh) {

    public static final double FOV_MM = 120;
    public static final double SLICE_SPACING_MM = 0.6;

    public PhantomSpec {
        if (columns < 32 || rows < 32 || slices < 2) {
            throw new IllegalArgumentException("phantom size must be at least 32x32x2, got " + columns + "x" + rows + "x" + slices);
        }
        if (noiseLow < 0 || noiseHigh < 0) {
            throw new IllegalArgumentException("noise must not be negative");
        }
    }

    public static PhantomSpec defaults(Scenario scenario) {
        return new PhantomSpec(KvpPair.P80_SN150, scenario, 256, 256, 80, 1, 20, 12);
    }

    public PhantomSpec withSize(int columns, int rows, int slices) {
        return new PhantomSpec(pair, scenario, columns, rows, slices, seed, noiseLow, noiseHigh);
    }

    public PhantomSpec withPair(KvpPair p) {
        return new PhantomSpec(p, scenario, columns, rows, slices, seed, noiseLow, noiseHigh);
    }

    public PhantomSpec withSeed(long s) {
        return new PhantomSpec(pair, scenario, columns, rows, slices, s, noiseLow, noiseHigh);
    }

    public PhantomSpec withNoise(double low, double high) {
        return new PhantomSpec(pair, scenario, columns, rows, slices, seed, low, high);
    }

    /** Parses "256x256x80" (columns x rows x slices). */
    public static int[] parseSize(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("size must look like 256x256x80 (columns x rows x slices), got '" + text + "'");
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size must look like 256x256x80 (columns x rows x slices), got '" + text + "'");
        }
    }

    public double pixelMm() {
        return FOV_MM / Math.max(columns, rows);
    }
}
