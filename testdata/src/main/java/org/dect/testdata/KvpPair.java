package org.dect.testdata;

import java.util.Arrays;
import java.util.Locale;

/**
 * The tube-voltage pairs the phantom can simulate, with CT numbers (HU, low/high) from the model in
 * shared/docs/physics.md: xraylib attenuation, polychromatic spectra. The MSU and HA rows are
 * concentrations in water through 10 cm of water (0 % is water itself, 0 HU at both energies by
 * definition); the body-part-size table gives how materials move as the beam hardens through 5 to 25
 * cm ({@link #atSize}).
 */
public enum KvpPair {

    P80_SN150("80/Sn150", 80, 150, true,
            new double[][] {{0, 0}, {66, 65}, {116, 114}, {172, 168}, {235, 230}, {345, 337}},
            new double[][] {{0, 0}, {95, 45}, {190, 89}, {381, 178}, {761, 357}},
            // water path 5, 10, 15, 20, 25 cm: MSU 45 %, HA 400 mg/cm³, soft tissue, fat, cortical bone, each low, high
            new double[][] {
                {236, 230, 797, 362, -16, -9, -129, -88, 2113, 1052},
                {235, 230, 761, 356, -15, -9, -126, -88, 2025, 1040},
                {235, 229, 732, 352, -15, -9, -123, -87, 1955, 1028},
                {234, 229, 708, 347, -15, -9, -121, -87, 1897, 1017},
                {234, 229, 688, 343, -14, -9, -119, -86, 1848, 1008}}),
    P80_140("80/140", 80, 140, false,
            new double[][] {{0, 0}, {66, 65}, {116, 115}, {172, 170}, {235, 231}, {345, 340}},
            new double[][] {{0, 0}, {95, 61}, {190, 123}, {381, 245}, {761, 491}},
            new double[][] {
                {236, 232, 797, 515, -16, -12, -129, -103, 2113, 1426},
                {235, 231, 761, 491, -15, -11, -126, -100, 2025, 1367},
                {235, 231, 732, 471, -15, -11, -123, -99, 1955, 1318},
                {234, 231, 708, 453, -15, -11, -121, -97, 1897, 1275},
                {234, 231, 688, 438, -14, -11, -119, -95, 1848, 1239}}),
    P100_SN150("100/Sn150", 100, 150, true,
            new double[][] {{0, 0}, {66, 65}, {116, 114}, {171, 168}, {233, 230}, {342, 337}},
            new double[][] {{0, 0}, {78, 45}, {156, 89}, {312, 178}, {624, 357}},
            new double[][] {
                {234, 230, 654, 362, -14, -9, -116, -88, 1763, 1052},
                {233, 230, 624, 356, -13, -9, -113, -88, 1691, 1040},
                {233, 229, 600, 352, -13, -9, -111, -87, 1632, 1028},
                {233, 229, 580, 347, -13, -9, -109, -87, 1583, 1017},
                {232, 229, 562, 343, -12, -9, -107, -86, 1541, 1008}});

    /** % w/w MSU of the rows of the MSU table. */
    static final double[] MSU_PERCENT = {0, 15, 25, 35, 45, 60};
    /** mg/cm³ HA of the rows of the HA table. */
    static final double[] HA_MG_PER_CM3 = {0, 50, 100, 200, 400};
    /** Water paths of the rows of the body-part-size table, cm. */
    static final double[] SIZE_CM = {5, 10, 15, 20, 25};
    /** The 10 cm row of the size table, on which the concentration rows were made. */
    private static final int TEN_CM = 1;

    public final String label;
    public final double lowKvp;
    public final double highKvp;
    public final boolean tinHigh;
    private final double[][] msu;
    private final double[][] ha;
    private final double[][] bySize;

    KvpPair(String label, double lowKvp, double highKvp, boolean tinHigh, double[][] msu, double[][] ha, double[][] bySize) {
        this.label = label;
        this.lowKvp = lowKvp;
        this.highKvp = highKvp;
        this.tinHigh = tinHigh;
        this.msu = msu;
        this.ha = ha;
        this.bySize = bySize;
    }

    /**
     * The materials as a body part of {@code waterPathCm} of tissue sees them (5 to 25 cm; a wrist is about
     * 6, a knee 14): soft tissue, fat and cortical bone from the size table; MSU and HA concentrations
     * from the 10 cm rows, scaled at each energy as MSU 45 % and HA 400 mg/cm³ scale with size.
     */
    public Materials atSize(double waterPathCm) {
        if (waterPathCm < SIZE_CM[0] || waterPathCm > SIZE_CM[SIZE_CM.length - 1]) {
            throw new IllegalArgumentException("water path must be 5 to 25 cm, got " + waterPathCm);
        }
        double[] v = new double[bySize[0].length];
        for (int k = 0; k < v.length; k++) {
            double[] column = new double[SIZE_CM.length];
            for (int s = 0; s < SIZE_CM.length; s++) {
                column[s] = bySize[s][k];
            }
            v[k] = interpolate(SIZE_CM, column, waterPathCm);
        }
        double[] ten = bySize[TEN_CM];
        return new Materials(this, waterPathCm, new double[] {v[0] / ten[0], v[1] / ten[1]}, new double[] {v[2] / ten[2], v[3] / ten[3]},
                new double[] {v[4], v[5]}, new double[] {v[6], v[7]}, new double[] {v[8], v[9]});
    }

    /** [low, high] HU of MSU at this % w/w in water, 10 cm, interpolated linearly (extrapolated past 60 %). */
    double[] msuHu(double percent) {
        return interpolate(MSU_PERCENT, msu, percent);
    }

    /** [low, high] HU of hydroxyapatite at this mg/cm³ in water, 10 cm. */
    double[] haHu(double mgPerCm3) {
        return interpolate(HA_MG_PER_CM3, ha, mgPerCm3);
    }

    public static KvpPair parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (KvpPair p : values()) {
            if (p.label.toLowerCase(Locale.ROOT).equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown kVp pair '" + text + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(p -> p.label).toList()));
    }

    private static double[] interpolate(double[] x, double[][] y, double at) {
        double[] out = new double[2];
        for (int e = 0; e < 2; e++) {
            double[] column = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                column[i] = y[i][e];
            }
            out[e] = interpolate(x, column, at);
        }
        return out;
    }

    /** Linear between the neighbouring rows, extrapolated from the last two past the end. */
    private static double interpolate(double[] x, double[] y, double at) {
        int i = 1;
        while (i < x.length - 1 && at > x[i]) {
            i++;
        }
        double t = (at - x[i - 1]) / (x[i] - x[i - 1]);
        return y[i - 1] + t * (y[i] - y[i - 1]);
    }
}
