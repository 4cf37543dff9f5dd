package org.dect.testdata;

import java.util.Locale;

/** What the phantom's deposits are. */
public enum Scenario {
    /** Urate tophi of 15–60 % w/w around the joint, plus a few calcium deposits whose low-kVp HU overlaps urate. */
    GOUT,
    /**
     * Calcium only: many small hydroxyapatite deposits (50–400 mg/cm³) in the fingertip fat pads,
     * along tendon sheaths and in the carpal tunnel, as in scleroderma calcinosis and dystrophic wrist
     * calcification. Urate must come out near zero.
     */
    CALCINOSIS,
    /**
     * A calibration phantom: a 90 mm water cylinder with 8 mm rods of urate (15–60 % w/w),
     * hydroxyapatite (50–400 mg/cm³), soft tissue and fat, for {@code dect calibrate}.
     */
    CALIBRATION;

    public static Scenario parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + text + "'; known: gout, calcinosis, calibration");
        }
    }
}
