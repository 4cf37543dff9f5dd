package org.dect.decompose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The preset adapted to the scan, from the references every extremity scan holds ({@link TissueReferences}).
 * A preset is a model of one scanner through 10 cm of water; a scan departs from it three ways, and
 * each shows in a reference:
 * <ul>
 * <li><b>Gain.</b> Air reads −1000 HU by the definition of the scale; a scanner that reads it at −950
 *     reads everything 5 % low, and so does the urate and HA it shows. Each basis slope is scaled by
 *     −air / 1000 at its energy.</li>
 * <li><b>Background.</b> Deposits grow in soft tissue, and soft tissue reads what the patient's
 *     composition and the scanner's calibration make of it: 30–60 HU from ICRP soft tissue is common.
 *     Measured against water (the preset's 0 HU), every voxel of muscle that reads 45 HU at both
 *     energies would be 8 % w/w of urate; measured against the scan's own soft tissue it is nothing.
 *     The background is the scan's soft tissue.</li>
 * <li><b>Beam hardening.</b> The more tissue the beam crosses, the harder it is, and calcium's
 *     dual-energy ratio falls (80/Sn150: 2.21 through 5 cm, 2.00 through 25 cm, physics.md), which
 *     turns the calcium line towards urate's. Cortical bone, hydroxyapatite in collagen, moves with it:
 *     at every pair and size of physics.md's table the ratio of HA's ratio to cortical bone's stays
 *     within 1 % of its 10 cm value. The scan's calcium line is the preset's HA ratio times the
 *     scan's cortical bone ratio over the preset's.</li>
 * </ul>
 * A reference the scan lacks leaves that part of the preset as it is, with a warning; so does one that
 * departs so far (a bone ratio {@link #MAX_BONE_RATIO_CHANGE} off) that it is likelier something other
 * than bone (metal, contrast) than a harder beam.
 *
 * @param preset        the preset to decompose with
 * @param gain          [low, high] factor the basis slopes were scaled by (1 when air was not found)
 * @param boneRatio     cortical bone's dual-energy ratio against soft tissue: [the preset's, the scan's]
 *                      (NaN where unknown)
 * @param calciumRatio  HA's ratio: [the preset's, the one decomposed with]
 * @param adjustments   what was adjusted and by how much, for the report
 * @param warnings      what could not be adjusted and why
 */
public record ScanCalibration(Preset preset, double[] gain, double[] boneRatio, double[] calciumRatio,
                              List<String> adjustments, List<String> warnings) {

    /** How far the scan's cortical bone ratio may depart from the preset's and still be taken for beam hardening. */
    public static final double MAX_BONE_RATIO_CHANGE = 0.15;
    /** Gains further from 1 than this are not applied: air that far off is the scanner check's to refuse. */
    static final double MAX_GAIN_CHANGE = 0.15;

    /** The preset as it is: for decomposing without in-scan calibration. */
    public static ScanCalibration none(Preset preset) {
        return new ScanCalibration(preset, new double[] {1, 1}, new double[] {Double.NaN, Double.NaN},
                new double[] {preset.calciumRatio(), preset.calciumRatio()}, List.of(), List.of());
    }

    public static ScanCalibration of(TissueReferences scan, Preset preset) {
        List<String> adjustments = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        double[] gain = gain(scan.air(), adjustments, warnings);
        double[] urate = times(preset.urateHuPerPercent(), gain);
        double[] ha = times(preset.haHuPerMgCm3(), gain);
        double[] soft = scan.softTissue();
        double[] background = preset.background();
        if (Double.isNaN(soft[0])) {
            warnings.add("soft tissue not found in the scan: amounts are measured against the preset's background");
        } else {
            background = soft.clone();
            adjustments.add(String.format(Locale.ROOT, "background: the scan's soft tissue, %.0f / %.0f HU (the preset's is %.0f / %.0f HU)",
                    soft[0], soft[1], preset.background()[0], preset.background()[1]));
        }
        double[] boneRatio = {ratio(times(preset.corticalBone(), gain), times(preset.softTissue(), gain)),
            Double.isNaN(soft[0]) ? Double.NaN : ratio(scan.corticalBone(), soft)};
        double presetCalcium = ha[0] / ha[1];
        double calcium = presetCalcium;
        if (Double.isNaN(boneRatio[0])) {
            warnings.add("the preset " + preset.name() + " holds no cortical bone reference: its calcium line is used as it is");
        } else if (Double.isNaN(boneRatio[1])) {
            warnings.add("too little cortical bone in the scan to place the calcium line: the preset's is used as it is");
        } else if (Math.abs(boneRatio[1] / boneRatio[0] - 1) > MAX_BONE_RATIO_CHANGE) {
            warnings.add(String.format(Locale.ROOT, "cortical bone reads a dual-energy ratio of %.2f where the preset expects %.2f; "
                    + "too far off for beam hardening (metal or contrast?), so the preset's calcium line is used as it is",
                    boneRatio[1], boneRatio[0]));
        } else {
            calcium = presetCalcium * boneRatio[1] / boneRatio[0];
            ha = new double[] {ha[0], ha[0] / calcium};
            adjustments.add(String.format(Locale.ROOT, "calcium line: HA ratio %.3f (the preset's %.3f), as cortical bone reads %.3f "
                    + "against the preset's %.3f", calcium, presetCalcium, boneRatio[1], boneRatio[0]));
        }
        Preset adapted = new Preset(preset.name(), preset.lowKvp(), preset.highKvp(), preset.tinHigh(), urate, ha, background,
                preset.softTissue(), preset.fat(), preset.corticalBone(), preset.source() + "; adapted to the scan's references");
        String problem = adapted.problem();
        if (problem != null) { // cannot happen within the bounds above, but the kernels must never see such a basis
            warnings.add("the adapted preset is unusable (" + problem + "): the preset is used as it is");
            return new ScanCalibration(preset, new double[] {1, 1}, boneRatio, new double[] {presetCalcium, presetCalcium},
                    List.of(), List.copyOf(warnings));
        }
        return new ScanCalibration(adapted, gain, boneRatio, new double[] {preset.calciumRatio(), calcium},
                List.copyOf(adjustments), List.copyOf(warnings));
    }

    /** Per energy: −air / 1000, or 1 where air was not found or lies too far off to correct by. */
    private static double[] gain(double[] air, List<String> adjustments, List<String> warnings) {
        if (Double.isNaN(air[0]) && Double.isNaN(air[1])) {
            warnings.add("no air around the limb: the scanner's HU scale is taken as it is");
            return new double[] {1, 1};
        }
        double[] g = {1, 1};
        for (int e = 0; e < 2; e++) {
            String energy = e == 0 ? "low" : "high";
            if (Double.isNaN(air[e])) {
                warnings.add("air is cut off at the scanner's floor at " + energy + " kVp: the HU scale there is taken as it is");
            } else if (Math.abs(air[e] / ScannerCheck.AIR_HU - 1) > MAX_GAIN_CHANGE) {
                warnings.add(String.format(Locale.ROOT, "air reads %.0f HU at %s kVp, too far from -1000 to correct the scale by",
                        air[e], energy));
            } else {
                g[e] = air[e] / ScannerCheck.AIR_HU;
            }
        }
        adjustments.add(String.format(Locale.ROOT, "HU scale: air reads %.0f / %.0f HU, so the basis is scaled by %.3f / %.3f",
                air[0], air[1], g[0], g[1]));
        return g;
    }

    /** (a − b)_low / (a − b)_high; NaN when either is unknown. */
    private static double ratio(double[] a, double[] b) {
        return (a[0] - b[0]) / (a[1] - b[1]);
    }

    private static double[] times(double[] v, double[] g) {
        return new double[] {v[0] * g[0], v[1] * g[1]};
    }
}
