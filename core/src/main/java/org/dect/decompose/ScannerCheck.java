package org.dect.decompose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dect.volume.HuVolume;

/**
 * Does the scan read like the preset expects, and like a CT scan at all? Air, fat and soft tissue are
 * in every extremity scan and their CT numbers are known ({@link TissueReferences}): air reads −1000 HU
 * by the definition of the scale, fat and soft tissue as the preset says. A tissue a few tens of HU off
 * suggests another scanner, filter or calibration, and the amounts are off by a similar fraction: a
 * warning. One that is hundreds of HU off means the stored values are not HU (a rescale missing or
 * wrong, another modality's images): the scan is refused rather than decomposed into confident nonsense.
 *
 * @param measured the scan's reference tissues
 * @param warnings what reads off the preset, and which tissue could not be found (so was not checked)
 * @param refusal  why the scan cannot be decomposed at all, or null
 */
public record ScannerCheck(TissueReferences measured, List<String> warnings, String refusal) {

    /** How far a tissue may sit from the preset, HU, before the check warns. */
    public static final double TOLERANCE_HU = 25;
    /** How far air may sit from −1000 HU before the check warns: scanners read −990 to −1010. */
    public static final double AIR_TOLERANCE_HU = 50;
    /** How far air or soft tissue may sit from where it belongs before the scan is refused. */
    public static final double REFUSAL_HU = 150;
    static final double AIR_HU = -1000;

    public static ScannerCheck of(HuVolume low, HuVolume high, Preset preset) {
        return of(TissueReferences.measure(low, high), preset);
    }

    public static ScannerCheck of(TissueReferences m, Preset preset) {
        List<String> warnings = new ArrayList<>();
        String refusal = null;
        String[] names = {"air", "soft tissue", "fat"};
        double[][] measured = {m.air(), m.softTissue(), m.fat()};
        double[][] expected = {{AIR_HU, AIR_HU}, preset.softTissue(), preset.fat()};
        double[] tolerance = {AIR_TOLERANCE_HU, TOLERANCE_HU, TOLERANCE_HU};
        boolean off = false;
        for (int t = 0; t < names.length; t++) {
            if (Double.isNaN(measured[t][0])) {
                warnings.add(names[t] + " not found in the scan, so not checked"
                        + (t == 0 ? " (a field of view without air around the limb)" : ""));
                continue;
            }
            for (int e = 0; e < 2; e++) {
                if (Double.isNaN(measured[t][e])) {
                    warnings.add(String.format(Locale.ROOT, "%s not found at %s kVp, so not checked there (cut off at the scanner's floor?)",
                            names[t], e == 0 ? "low" : "high"));
                    continue;
                }
                if (Double.isNaN(expected[t][e])) {
                    continue; // a calibration that did not measure this tissue
                }
                double delta = measured[t][e] - expected[t][e];
                if (Math.abs(delta) > tolerance[t]) {
                    off |= t > 0;
                    warnings.add(String.format(Locale.ROOT, "%s reads %.0f HU at %s kVp, %s expects %.0f HU", names[t], measured[t][e],
                            e == 0 ? "low" : "high", t == 0 ? "the HU scale" : "the preset", expected[t][e]));
                }
                if (t < 2 && Math.abs(delta) > REFUSAL_HU && refusal == null) {
                    refusal = String.format(Locale.ROOT, "%s reads %.0f HU at %s kVp where it should read about %.0f HU: "
                            + "the stored values are not HU as the files' rescale says", names[t], measured[t][e],
                            e == 0 ? "low" : "high", expected[t][e]);
                }
            }
        }
        if (off) {
            warnings.add("the preset " + preset.name() + " may not fit this scanner; consider 'dect calibrate' with a phantom scan");
        }
        return new ScannerCheck(m, List.copyOf(warnings), refusal);
    }
}
