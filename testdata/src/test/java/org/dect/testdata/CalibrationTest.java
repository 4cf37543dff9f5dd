package org.dect.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dect.InputException;
import org.dect.ProgressListener;
import org.dect.decompose.Calibration;
import org.dect.format.CalibrationFile;
import org.dect.decompose.Preset;
import org.dect.decompose.ScannerCheck;
import org.dect.pipeline.DecompositionOptions;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration from the calibration phantom's files, then decomposition of a gout phantom with it. */
class CalibrationTest {

    @TempDir
    Path tmp;

    @Test
    void fitRecoversThePhysicsAndDecomposesAsWellAsThePreset() {
        // A scanner reading 5 % hot at low kVp and 5 % cold at high kVp: the preset is off, a calibration is not.
        PhantomSpec spec = PhantomSpec.defaults(Scenario.CALIBRATION).withSize(192, 192, 12);
        Phantom cal = Accuracy.shifted(PhantomGenerator.generate(spec), 1.05, 0.95);
        Path folder = tmp.resolve("cal");
        PhantomWriter.write(cal, folder, false, 2, ProgressListener.NONE);
        DualEnergyVolumes v = new DualEnergyLoader(2, ProgressListener.NONE).load(List.of(folder), PairRequest.AUTOMATIC);
        Calibration.Fit fit = Calibration.fit(v.low(), v.high(), CalibrationFile.readRois(folder.resolve(PhantomWriter.CALIBRATION_ROIS)),
                "test", 80, 150, true);
        Preset p = fit.preset();
        // physics.md 80/Sn150: HA 761/357 HU at 400 mg/cm³ (1.90/0.89 per mg/cm³), scaled by the scanner's 1.05/0.95;
        // within 3 %, since the bent urate rows pull the shared intercept and with it the HA slope.
        assertEquals(1.9025 * 1.05, p.haHuPerMgCm3()[0], 0.03 * 1.9025 * 1.05);
        assertEquals(0.8925 * 0.95, p.haHuPerMgCm3()[1], 0.03 * 0.8925 * 0.95);
        assertEquals(1.02 * 1.05 / 0.95, p.urateRatio(), 0.03);
        // The MSU rows of physics.md bend upwards (4.4 HU/% at 15 %, 5.75 at 60 %): a line leaves ~10 HU.
        assertTrue(fit.rmsResidualLow() < 15 && fit.rmsResidualHigh() < 15, fit.rmsResidualLow() + " / " + fit.rmsResidualHigh());
        assertEquals(-15 * 1.05, p.softTissue()[0], 3);

        Path file = tmp.resolve("scanner.json");
        CalibrationFile.write(fit, file);
        Preset read = CalibrationFile.read(file);
        assertEquals(p.urateHuPerPercent()[1], read.urateHuPerPercent()[1], 1e-9);

        Phantom gout = Accuracy.shifted(PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT)), 1.05, 0.95);
        Accuracy a = Accuracy.of(gout, read, DecompositionOptions.defaults());
        assertTrue(Math.abs(a.volumeError()) <= AccuracyTolerances.URATE_VOLUME && a.dice() >= AccuracyTolerances.MIN_DICE,
                "with the calibration: " + a);
    }

    @Test
    void badRoiFilesAreNamed() throws Exception {
        Path f = tmp.resolve("rois.json");
        Files.writeString(f, "{\"rois\": [{\"centre_mm\": [0, 0], \"radius_mm\": 2, \"slices\": [1, 2], \"material\": \"gold\"}]}");
        assertTrue(assertThrows(InputException.class, () -> CalibrationFile.readRois(f)).getMessage().contains("material must be urate, ha"));
        Files.writeString(f, "{\"rois\": [{\"centre_mm\": [0, 0], \"radius_mm\": 2, \"slices\": [1, 2], \"material\": \"urate\"}]}");
        assertTrue(assertThrows(InputException.class, () -> CalibrationFile.readRois(f)).getMessage().contains("needs \\\"concentration\\\"".replace("\\\"", "\"")));
        Files.writeString(f, "not json");
        assertTrue(assertThrows(InputException.class, () -> CalibrationFile.readRois(f)).getMessage().contains("Cannot read ROI file"));
    }

    @Test
    void scannerCheckWarnsWhenTissuesReadOffThePreset() {
        Phantom p = PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT).withSize(128, 128, 20));
        Preset preset = Accuracy.presetFor(KvpPair.P80_SN150);
        ScannerCheck fits = ScannerCheck.of(p.low(), p.high(), preset);
        assertTrue(fits.warnings().isEmpty(), fits.warnings().toString());
        assertEquals(-15, fits.measured().softTissue()[0], 5);
        assertEquals(-126, fits.measured().fat()[0], 8);
        assertEquals(-1000, fits.measured().air()[0], 5);
        // A scanner whose fat reads 25 % off: -126 becomes -158 at low kVp.
        Phantom off = Accuracy.shifted(p, 1.25, 1.0);
        ScannerCheck warns = ScannerCheck.of(off.low(), off.high(), preset);
        assertTrue(warns.warnings().stream().anyMatch(w -> w.startsWith("fat reads")), warns.warnings().toString());
    }
}
