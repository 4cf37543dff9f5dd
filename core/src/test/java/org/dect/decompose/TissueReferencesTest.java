package org.dect.decompose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dect.testing.NoisyScans;
import org.dect.volume.HuVolume;
import org.junit.jupiter.api.Test;

/**
 * Air as scanners store it: noise below −1024 piled at the floor, and a scanner reading its scale a few
 * per cent off, whose files then hold the pile where the rescale put it, or hold air cut off.
 */
class TissueReferencesTest {

    private static final int N = 128;

    /** Air on the left third, soft tissue on the rest, σ 20 / 12 HU, stored with nothing below −1024. */
    private static HuVolume[] scan(double airLow, double airHigh) {
        return NoisyScans.of(N, 8, 20, 12, 0, 3, (x, y) -> x < N / 3 ? new double[] {airLow, airHigh} : new double[] {40, 45});
    }

    /** Every stored value times the factor: a scale read off after the floor cut the noise. */
    private static HuVolume scaled(HuVolume v, double factor) {
        short[][] out = new short[v.slices().length][];
        for (int z = 0; z < out.length; z++) {
            out[z] = new short[v.slices()[z].length];
            for (int i = 0; i < out[z].length; i++) {
                out[z][i] = (short) Math.round(v.slices()[z][i] * factor);
            }
        }
        return new HuVolume(v.geometry(), out);
    }

    @Test
    void airAtMinus1000WithItsNoiseCutAtTheFloor() {
        HuVolume[] v = scan(-1000, -1000);
        double[] air = TissueReferences.measure(v[0], v[1]).air();
        assertEquals(-1000, air[0], 2);
        assertEquals(-1000, air[1], 2);
    }

    /** The pile of cut-off noise moves to −973 with the scale; it must not be taken for air, at −950. */
    @Test
    void aScaleFivePercentLowMovesThePileOffTheFloor() {
        HuVolume[] v = scan(-1000, -1000);
        double[] air = TissueReferences.measure(scaled(v[0], 0.95), v[1]).air();
        assertEquals(-950, air[0], 3, "low kVp, read 5 % low");
        assertEquals(-1000, air[1], 2, "high kVp, as it is");
    }

    /** Air at −1050 stored from −1024 up is its upper tail: no mean of it says where air is. */
    @Test
    void airCutOffAtTheFloorIsNotMeasured() {
        HuVolume[] v = scan(-1050, -1000);
        TissueReferences m = TissueReferences.measure(v[0], v[1]);
        assertTrue(Double.isNaN(m.air()[0]), "low kVp: " + m.air()[0]);
        assertEquals(-1000, m.air()[1], 2, "high kVp, measured on its own");
        ScanCalibration c = ScanCalibration.of(m, Presets.P80_SN150);
        assertEquals(1, c.gain()[0], 0, "no gain from air that is not there");
        assertEquals(1, c.gain()[1], 0.002);
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("cut off at the scanner's floor at low kVp")), c.warnings().toString());
    }

    @Test
    void aNoiseFreeAirIsItsOwnLowestValue() {
        HuVolume[] v = NoisyScans.of(N, 8, 0, 0, 0, 3, (x, y) -> x < N / 3 ? new double[] {-1000, -1000} : new double[] {40, 45});
        assertEquals(-1000, TissueReferences.measure(v[0], v[1]).air()[0], 0);
    }
}
