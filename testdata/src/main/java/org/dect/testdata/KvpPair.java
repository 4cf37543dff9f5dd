package org.dect.testdata;

import java.util.Arrays;
import java.util.Locale;

/**
 * The tube-voltage pairs the phantom can simulate, with CT numbers (HU, low/high) from the model in
 * shared/docs/physics.md: xraylib attenuation, polychromatic spectra, 10 cm of water. MSU and HA
 * rows are concentrations in water; 0 % is water itself (0 HU at both energies by definition).
 */
public enum KvpPair {

    P80_SN150("80/Sn150", 80, 150, true,
            new double[][] {{0, 0}, {66, 65}, {116, 114}, {172, 168}, {235, 230}, {345, 337}},
            new double[][] {{0, 0}, {95, 45}, {190, 89}, {381, 178}, {761, 357}},
            new double[] {-15, -9}, new double[] {-126, -88}, new double[] {2025, 1040}),
    P80_140("80/140", 80, 140, false,
            new double[][] {{0, 0}, {66, 65}, {116, 115}, {172, 170}, {235, 231}, {345, 340}},
            new double[][] {{0, 0}, {95, 61}, {190, 123}, {381, 245}, {761, 491}},
            new double[] {-15, -11}, new double[] {-126, -100}, new double[] {2025, 1367}),
    P100_SN150("100/Sn150", 100, 150, true,
            new double[][] {{0, 0}, {66, 65}, {116, 114}, {171, 168}, {233, 230}, {342, 337}},
            new double[][] {{0, 0}, {78, 45}, {156, 89}, {312, 178}, {624, 357}},
            new double[] {-13, -9}, new double[] {-113, -88}, new double[] {1691, 1040});

    /** % w/w MSU of the rows of the MSU table. */
    static final double[] MSU_PERCENT = {0, 15, 25, 35, 45, 60};
    /** mg/cm³ HA of the rows of the HA table. */
    static final double[] HA_MG_PER_CM3 = {0, 50, 100, 200, 400};

    public final String label;
    public final double lowKvp;
    public final double highKvp;
    public final boolean tinHigh;
    private final double[][] msu;
    private final double[][] ha;
    final double[] softTissue;
    final double[] adipose;
    final double[] corticalBone;

    KvpPair(String label, double lowKvp, double highKvp, boolean tinHigh, double[][] msu, double[][] ha,
            double[] softTissue, double[] adipose, double[] corticalBone) {
        this.label = label;
        this.lowKvp = lowKvp;
        this.highKvp = highKvp;
        this.tinHigh = tinHigh;
        this.msu = msu;
        this.ha = ha;
        this.softTissue = softTissue;
        this.adipose = adipose;
        this.corticalBone = corticalBone;
    }

    /** [low, high] HU of MSU at this % w/w, interpolated linearly (extrapolated past 60 %). */
    public double[] msuHu(double percent) {
        return interpolate(MSU_PERCENT, msu, percent);
    }

    /** [low, high] HU of hydroxyapatite at this mg/cm³ in water. */
    public double[] haHu(double mgPerCm3) {
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
        int i = 1;
        while (i < x.length - 1 && at > x[i]) {
            i++;
        }
        double t = (at - x[i - 1]) / (x[i] - x[i - 1]);
        return new double[] {y[i - 1][0] + t * (y[i][0] - y[i - 1][0]), y[i - 1][1] + t * (y[i][1] - y[i - 1][1])};
    }
}
