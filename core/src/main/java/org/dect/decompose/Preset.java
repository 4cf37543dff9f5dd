package org.dect.decompose;

import java.util.Locale;

/**
 * What the decomposition needs to know about one scanner setting: the CT number, at the low and the
 * high tube voltage, of one unit of each basis material in water, of the water/soft-tissue background
 * and of the reference tissues. A built-in preset per kVp pair ({@link Presets}) or a calibration fit
 * ({@link Calibration}) provides it.
 *
 * @param urateHuPerPercent [low, high] HU per 1 % w/w monosodium urate
 * @param haHuPerMgCm3      [low, high] HU per 1 mg/cm³ calcium hydroxyapatite
 * @param background        [low, high] HU of the matrix the amounts are measured against (water: 0, 0)
 * @param softTissue        [low, high] HU of soft tissue, for the scanner-mismatch check
 * @param fat               [low, high] HU of adipose tissue, for the scanner-mismatch check
 * @param corticalBone      [low, high] HU of cortical bone, whose dual-energy ratio in the scan tells how far
 *                          the scan's calcium line lies from the preset's ({@link ScanCalibration}); NaN when unknown
 * @param source            where the numbers come from, for the report
 */
public record Preset(String name, double lowKvp, double highKvp, boolean tinHigh, double[] urateHuPerPercent,
                     double[] haHuPerMgCm3, double[] background, double[] softTissue, double[] fat, double[] corticalBone,
                     String source) {

    /**
     * The least angle, degrees, between the urate and the calcium line in the (HU_high, HU_low) plane.
     * The amounts' noise grows as 1 / sin of the angle: at 80/140, the pair closest to it, the lines are
     * 12° apart; at 2° the noise would be six times that, and urate and calcium a coin toss.
     */
    public static final double MIN_LINE_ANGLE_DEGREES = 2;

    /**
     * Why this preset cannot be decomposed with, or null when it can: a value that is not a number, a
     * basis material that adds no HU, a calcium line no steeper than the urate line (at every kVp pair
     * calcium gains far more HU at low kVp than urate; the other way round, the energies are swapped),
     * or lines too close to tell the materials apart.
     */
    public String problem() {
        String[] names = {"urate HU per % w/w", "HA HU per mg/cm³", "background HU"};
        double[][] values = {urateHuPerPercent, haHuPerMgCm3, background};
        for (int i = 0; i < values.length; i++) {
            for (int e = 0; e < 2; e++) {
                if (values[i] == null || values[i].length != 2 || !Double.isFinite(values[i][e])) {
                    return names[i] + " at " + (e == 0 ? "low" : "high") + " kVp is "
                            + (values[i] == null || values[i].length != 2 ? "missing" : values[i][e]);
                }
                if (i < 2 && values[i][e] <= 0) {
                    return String.format(Locale.ROOT, "%s at %s kVp is %.4g: a basis material must add HU", names[i],
                            e == 0 ? "low" : "high", values[i][e]);
                }
            }
        }
        if (!(lowKvp > 0 && highKvp > lowKvp)) {
            return String.format(Locale.ROOT, "the low kVp (%.0f) must be below the high kVp (%.0f)", lowKvp, highKvp);
        }
        if (calciumRatio() <= urateRatio()) {
            return String.format(Locale.ROOT, "the calcium line (HU ratio %.3f) is no steeper than the urate line (%.3f): "
                    + "are the low- and high-kVp values swapped?", calciumRatio(), urateRatio());
        }
        double angle = Math.toDegrees(Math.atan(1 / urateRatio()) - Math.atan(1 / calciumRatio()));
        if (angle < MIN_LINE_ANGLE_DEGREES) {
            return String.format(Locale.ROOT, "the urate and calcium lines are only %.2f° apart (HU ratios %.3f and %.3f), "
                    + "less than the %.0f° needed to tell the materials apart", angle, urateRatio(), calciumRatio(), MIN_LINE_ANGLE_DEGREES);
        }
        return null;
    }

    /** HU_low / HU_high of urate above the background (≈ 1.02 at every pair, physics.md). */
    public double urateRatio() {
        return urateHuPerPercent[0] / urateHuPerPercent[1];
    }

    /** HU_low / HU_high of hydroxyapatite above the background: the calcium line of this pair. */
    public double calciumRatio() {
        return haHuPerMgCm3[0] / haHuPerMgCm3[1];
    }

    /**
     * The DE-ratio cut-off between the urate and calcium lines: the line through the background at the
     * angle halfway between them in the (HU_high, HU_low) plane, so that both lines are equally far
     * from the boundary. 80/Sn150: 1.44, 80/140: 1.26.
     */
    public double ratioCutoff() {
        double urate = Math.atan(1 / urateRatio());
        double calcium = Math.atan(1 / calciumRatio());
        return 1 / Math.tan((urate + calcium) / 2);
    }

    /**
     * The same preset with every low-kVp CT number scaled by {@code lowFactor} and every high-kVp one by
     * {@code highFactor}: a scanner that reads differently from the model, for robustness tests.
     */
    public Preset scaled(double lowFactor, double highFactor) {
        return new Preset(name + String.format(Locale.ROOT, " (×%.2f/×%.2f)", lowFactor, highFactor), lowKvp, highKvp, tinHigh,
                times(urateHuPerPercent, lowFactor, highFactor), times(haHuPerMgCm3, lowFactor, highFactor),
                times(background, lowFactor, highFactor), times(softTissue, lowFactor, highFactor),
                times(fat, lowFactor, highFactor), times(corticalBone, lowFactor, highFactor), source + String.format(Locale.ROOT, ", scaled ×%.3f low, ×%.3f high", lowFactor, highFactor));
    }

    private static double[] times(double[] v, double low, double high) {
        return new double[] {v[0] * low, v[1] * high};
    }
}
