package org.dect.decompose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dect.InputException;

/**
 * Built-in presets for the common kVp pairs. Numbers are from shared/docs/physics.md ("model" rows:
 * xraylib attenuation, polychromatic spectra, 10 cm water). The urate slope is the least-squares line
 * through the origin of the 15–60 % w/w MSU rows; the hydroxyapatite slope that of the 50–400 mg/cm³
 * rows. The ratio of 80/Sn140 and of 90/Sn150 comes from physics.md's HA ratios (1.95, 1.91); 100/140
 * combines the 100 kVp column of 100/Sn150 with the 140 kVp column of 80/140. Published ratios for
 * comparison: calcium 1.99 at 80/Sn150, 1.47 at 80/140 (Eur Radiol Exp 2019, doi
 * 10.1186/s41747-019-0125-2); MSU 1.01 ± 0.09 in patients at 80/Sn150 (Christiansen et al., Arthritis
 * Res Ther 2020, doi 10.1186/s13075-020-02283-z).
 */
public final class Presets {

    private Presets() { }

    /** % w/w of the MSU rows of physics.md. */
    private static final double[] MSU_PERCENT = {15, 25, 35, 45, 60};
    /** HU of MSU at 80 kVp, at 100 kVp, at Sn150 and at 140 kVp (physics.md, 80/Sn150, 100/Sn150, 80/140). */
    private static final double[] MSU_80 = {66, 116, 172, 235, 345};
    private static final double[] MSU_100 = {66, 116, 171, 233, 342};
    private static final double[] MSU_SN150 = {65, 114, 168, 230, 337};
    private static final double[] MSU_140 = {65, 115, 170, 231, 340};
    /** HU of 400 mg/cm³ HA (the rows are linear in concentration to within 1 HU). */
    private static final double HA400_80 = 761;
    private static final double HA400_100 = 624;
    private static final double HA400_SN150 = 357;
    private static final double HA400_140 = 491;
    /** HA's dual-energy ratio at 80/Sn150 (physics.md: 761 / 357). */
    private static final double HA_RATIO_SN150 = HA400_80 / HA400_SN150;

    public static final Preset P80_SN150 = preset("80/Sn150", 80, 150, true,
            slope(MSU_80), slope(MSU_SN150), HA400_80 / 400, HA400_SN150 / 400,
            new double[] {-15, -9}, new double[] {-126, -88}, new double[] {2025, 1040}, "physics.md model, 80/Sn150 column");
    public static final Preset P80_140 = preset("80/140", 80, 140, false,
            slope(MSU_80), slope(MSU_140), HA400_80 / 400, HA400_140 / 400,
            new double[] {-15, -11}, new double[] {-126, -100}, new double[] {2025, 1367}, "physics.md model, 80/140 column");
    public static final Preset P100_SN150 = preset("100/Sn150", 100, 150, true,
            slope(MSU_100), slope(MSU_SN150), HA400_100 / 400, HA400_SN150 / 400,
            new double[] {-13, -9}, new double[] {-113, -88}, new double[] {1691, 1040}, "physics.md model, 100/Sn150 column");
    public static final Preset P80_SN140 = preset("80/Sn140", 80, 140, true,
            slope(MSU_80), slope(MSU_SN150), HA400_80 / 400, HA400_80 / 400 / 1.95,
            new double[] {-15, -9}, new double[] {-126, -88}, new double[] {2025, 1040 * HA_RATIO_SN150 / 1.95},
            "physics.md: 80 kVp column; high = 80 kVp / HA ratio 1.95 (0.4 mm Sn), cortical bone's high by the same factor; "
                    + "urate and tissues as Sn150");
    public static final Preset P90_SN150 = preset("90/Sn150", 90, 150, true,
            (slope(MSU_80) + slope(MSU_100)) / 2, slope(MSU_SN150), HA400_SN150 / 400 * 1.91, HA400_SN150 / 400,
            new double[] {-14, -9}, new double[] {-119.5, -88}, new double[] {(2025 + 1691) / 2.0, 1040},
            "physics.md: Sn150 column; 90 kVp = Sn150 × HA ratio 1.91, urate, tissues and bone midway between 80 and 100 kVp");
    public static final Preset P100_140 = preset("100/140", 100, 140, false,
            slope(MSU_100), slope(MSU_140), HA400_100 / 400, HA400_140 / 400,
            new double[] {-13, -11}, new double[] {-113, -100}, new double[] {1691, 1367},
            "physics.md: 100 kVp column of 100/Sn150 with the 140 kVp column of 80/140");

    public static List<Preset> all() {
        return List.of(P80_140, P80_SN140, P80_SN150, P90_SN150, P100_SN150, P100_140);
    }

    public static Preset byName(String name) {
        for (Preset p : all()) {
            if (p.name().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "'; known: " + names());
    }

    /** The preset chosen for a pair, and what had to be assumed to choose it. */
    public record Choice(Preset preset, List<String> notes) { }

    /**
     * Chooses by KVP and the recorded filter. Scanners often leave the tin filter out of the header,
     * so tin is assumed at 150 kVp (no dual-energy protocol runs 150 kVp unfiltered) and not assumed at
     * 140 kVp unless recorded; either assumption is reported.
     */
    public static Choice choose(double lowKvp, double highKvp, boolean tinRecorded) {
        List<String> notes = new ArrayList<>();
        boolean tin = tinRecorded;
        if (highKvp == 150 && !tinRecorded) {
            tin = true;
            notes.add("no tin filter recorded at 150 kVp: assumed Sn150 (no dual-energy protocol uses 150 kVp unfiltered)");
        } else if (highKvp == 140 && !tinRecorded) {
            notes.add("no filter recorded at 140 kVp: assumed unfiltered 140 kVp");
        }
        for (Preset p : all()) {
            if (p.lowKvp() == lowKvp && p.highKvp() == highKvp && p.tinHigh() == tin) {
                return new Choice(p, notes);
            }
        }
        throw new InputException(String.format(Locale.ROOT,
                "No built-in preset for %.0f/%s%.0f kVp. Choose one with --preset (%s) or fit one with 'dect calibrate'.",
                lowKvp, tin ? "Sn" : "", highKvp, names()));
    }

    private static String names() {
        return String.join(", ", all().stream().map(Preset::name).toList());
    }

    private static Preset preset(String name, double low, double high, boolean tin, double urateLow, double urateHigh,
                                 double haLow, double haHigh, double[] soft, double[] fat, double[] cortical, String source) {
        return new Preset(name, low, high, tin, new double[] {urateLow, urateHigh}, new double[] {haLow, haHigh},
                new double[] {0, 0}, soft, fat, cortical, source);
    }

    /** Least-squares slope through the origin of HU against % w/w. */
    private static double slope(double[] hu) {
        double xy = 0;
        double xx = 0;
        for (int i = 0; i < MSU_PERCENT.length; i++) {
            xy += MSU_PERCENT[i] * hu[i];
            xx += MSU_PERCENT[i] * MSU_PERCENT[i];
        }
        return xy / xx;
    }
}
