package org.dect.decompose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The preset adapted to references a scan would show, with the numbers of shared/docs/physics.md typed
 * here from the document: 80/Sn150 through 10 cm, soft tissue −15/−9, cortical bone 2025/1040, HA
 * 400 mg/cm³ 761/357; through 25 cm, soft tissue −14/−9, cortical bone 1848/1008, HA 688/343.
 */
class ScanCalibrationTest {

    private static final double[] NONE = {Double.NaN, Double.NaN};
    private static final Preset PRESET = Presets.P80_SN150;

    @Test
    void aScanLikeThePresetChangesOnlyTheBackground() {
        ScanCalibration c = ScanCalibration.of(new TissueReferences(new double[] {-1000, -1000}, new double[] {-126, -88},
                new double[] {-15, -9}, new double[] {2025, 1040}), PRESET);
        assertArrayEquals(new double[] {-15, -9}, c.preset().background(), "deposits are measured against the scan's soft tissue");
        assertArrayEquals(PRESET.urateHuPerPercent(), c.preset().urateHuPerPercent(), 1e-12);
        assertEquals(PRESET.calciumRatio(), c.preset().calciumRatio(), 1e-9);
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    /** Through 25 cm the calcium line turns to 688/343 = 2.006: the bone's ratio says so, within 1 %. */
    @Test
    void aHarderBeamTurnsTheCalciumLine() {
        ScanCalibration c = ScanCalibration.of(new TissueReferences(new double[] {-1000, -1000}, new double[] {-119, -86},
                new double[] {-14, -9}, new double[] {1848, 1008}), PRESET);
        assertEquals(688.0 / 343, c.preset().calciumRatio(), 0.01 * 688 / 343);
        assertEquals(PRESET.haHuPerMgCm3()[0], c.preset().haHuPerMgCm3()[0], 1e-12, "the low-kVp slope is the preset's");
        assertTrue(c.adjustments().stream().anyMatch(a -> a.startsWith("calcium line")), c.adjustments().toString());
    }

    /** A scanner reading everything 5 % low reads air at −950 and urate 5 % low: the basis follows. */
    @Test
    void airOffTheScaleScalesTheBasis() {
        ScanCalibration c = ScanCalibration.of(new TissueReferences(new double[] {-950, -1050}, new double[] {-120, -92},
                new double[] {-14, -9}, new double[] {1924, 1092}), PRESET);
        assertArrayEquals(new double[] {0.95, 1.05}, c.gain(), 1e-9);
        assertEquals(0.95 * PRESET.urateHuPerPercent()[0], c.preset().urateHuPerPercent()[0], 1e-9);
        assertEquals(1.05 * PRESET.urateHuPerPercent()[1], c.preset().urateHuPerPercent()[1], 1e-9);
    }

    @Test
    void missingReferencesLeaveThePresetAndSaySo() {
        ScanCalibration c = ScanCalibration.of(new TissueReferences(NONE, NONE, NONE, NONE), PRESET);
        assertArrayEquals(PRESET.background(), c.preset().background());
        assertEquals(PRESET.calciumRatio(), c.preset().calciumRatio(), 1e-9);
        assertEquals(3, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).contains("no air"), c.warnings().toString());
    }

    /** Metal or contrast in the "bone": a ratio 30 % off is not beam hardening, and is not followed. */
    @Test
    void boneFarOffIsNotTakenForBeamHardening() {
        ScanCalibration c = ScanCalibration.of(new TissueReferences(new double[] {-1000, -1000}, new double[] {-126, -88},
                new double[] {-15, -9}, new double[] {2025, 1400}), PRESET);
        assertEquals(PRESET.calciumRatio(), c.preset().calciumRatio(), 1e-9);
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("too far off")), c.warnings().toString());
    }

    @Test
    void withoutCalibrationThePresetIsUsedAsItIs() {
        assertSame(PRESET, ScanCalibration.none(PRESET).preset());
    }
}
