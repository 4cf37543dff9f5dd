package org.dect.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dect.decompose.NoiseModel;
import org.dect.decompose.Presets;
import org.dect.decompose.ScanCalibration;
import org.dect.decompose.Sharpness;
import org.dect.decompose.TissueReferences;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the method measures of the scan itself, against what the phantom was made with: the calcium
 * line for the body's size (physics.md's size table, typed here), the noise it was given, and the blur.
 */
class ScanReferencesTest {

    /** 80/Sn150, HA 400 mg/cm³: 797/362 through 5 cm, 761/356 through 10, 688/343 through 25 (physics.md). */
    @ParameterizedTest(name = "{0} cm")
    @CsvSource({"5, 797, 362", "10, 761, 356", "25, 688, 343"})
    void theCalciumLineFollowsTheBodysSize(double cm, double haLow, double haHigh) {
        PhantomSpec spec = PhantomSpec.defaults(Scenario.GOUT).withSize(256, 256, 40)
                .withBody(PhantomSpec.Body.of(Anatomy.WRIST).withWaterPath(cm));
        Phantom p = PhantomGenerator.generate(spec);
        ScanCalibration c = ScanCalibration.of(TissueReferences.measure(p.low(), p.high()), Presets.P80_SN150);
        assertEquals(haLow / haHigh, c.preset().calciumRatio(), 0.02 * haLow / haHigh, c.adjustments().toString());
    }

    @ParameterizedTest(name = "noise {0}/{1}")
    @CsvSource({"10, 6", "20, 12", "30, 18"})
    void theNoiseIsTheNoiseThePhantomWasGiven(double low, double high) {
        Phantom p = PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT).withSize(256, 256, 40).withNoise(low, high));
        NoiseModel n = NoiseModel.estimate(p.low(), p.high(), TissueReferences.measure(p.low(), p.high()).softTissue());
        // Within 7 %: the patches of a wrist include some edges of fat that the homogeneity test lets by.
        assertEquals(low, n.sigmaLow(), 0.07 * low);
        assertEquals(high, n.sigmaHigh(), 0.07 * high);
        assertEquals(0, n.energyCorrelation(), 0.1, "two tubes, two detectors: independent noise");
    }

    /**
     * The blur a voxel's value shows is the point-spread function's and the voxel's own averaging:
     * σ² = (FWHM / 2.355)² + Δ²/12 in-plane.
     */
    @ParameterizedTest(name = "{0} mm at {1}")
    @CsvSource({"0.7, WRIST", "1.1, WRIST", "0.7, KNEE"})
    void theBlurIsTheBlurThePhantomWasGiven(double fwhm, Anatomy anatomy) {
        PhantomSpec spec = PhantomSpec.defaults(Scenario.GOUT).withAnatomy(anatomy).withSize(256, 256, 40)
                .withResolution(new PhantomSpec.Resolution(fwhm, fwhm));
        Phantom p = PhantomGenerator.generate(spec);
        TissueReferences r = TissueReferences.measure(p.low(), p.high());
        Sharpness s = Sharpness.estimate(p.low(), r.air(), r.softTissue());
        double px = spec.pixelMm();
        double expected = Math.sqrt(Math.pow(fwhm / Sharpness.FWHM_PER_SIGMA, 2) + px * px / 12);
        assertEquals(expected, s.inPlaneSigmaMm(), 0.12 * expected, s.edges() + " edges");
    }
}
