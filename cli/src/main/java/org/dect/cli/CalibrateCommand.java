package org.dect.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dect.OutputException;
import org.dect.decompose.Calibration;
import org.dect.format.CalibrationFile;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Fit a scanner's urate/hydroxyapatite basis from a scan of a calibration phantom.",
        description = {"Fit the urate/hydroxyapatite basis of a scanner from a scan of a calibration phantom",
            "and a file of ROIs of known content, and write it for 'dect decompose --calibration'.",
            "ROI file: {\"rois\": [{\"centre_mm\": [x, y], \"radius_mm\": r, \"slices\": [first, last],",
            "  \"material\": \"urate|ha|water|soft_tissue|fat\", \"concentration\": n}]} (slices 1-based along",
            "  the slice normal; urate in % w/w, ha in mg/cm³; \"centre_px\": [column, row] also works)."},
        footer = {"%nExamples:",
            "  dect phantom /tmp/cal --scenario calibration",
            "  dect calibrate /tmp/cal --rois /tmp/cal/calibration-rois.json -o scanner.json",
            "  dect decompose /data/study --calibration scanner.json",
            ExitCodes.HELP})
final class CalibrateCommand implements Callable<Integer> {

    @Mixin
    PairOptions pair;

    @Option(names = "--rois", required = true, paramLabel = "FILE", description = "ROI file (JSON).")
    Path rois;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Calibration file to write (JSON).")
    Path output;

    @Option(names = "--name", description = "Name of the calibration (default: the output file's name).")
    String name;

    @Option(names = "--overwrite", description = "Replace the output file if it exists.")
    boolean overwrite;

    @Mixin
    Threads threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Log log = Log.of(spec);
        if (Files.exists(output) && !overwrite) {
            throw new OutputException("Calibration file " + output + " exists; use --overwrite to replace it.");
        }
        var roiList = CalibrationFile.readRois(rois);
        DualEnergyVolumes v = new DualEnergyLoader(threads.get(), log).load(Usage.parse(spec, pair::roots), pair.request());
        String calibrationName = name != null ? name : output.getFileName().toString().replaceFirst("\\.json$", "");
        Calibration.Fit fit = Calibration.fit(v.low(), v.high(), roiList, calibrationName, v.pair().low().kvp(), v.pair().high().kvp(),
                v.pair().high().tinFilterRecorded() || v.pair().high().kvp() == 150);
        CalibrationFile.write(fit, output);
        PrintWriter out = spec.commandLine().getOut();
        var p = fit.preset();
        out.printf(Locale.ROOT, "Calibration '%s' (%s kV / %s kV) written to %s%n", p.name(), fmt(p.lowKvp()), fmt(p.highKvp()), output);
        out.printf(Locale.ROOT, "  urate %.3f / %.3f HU per %% w/w (ratio %.3f), HA %.4f / %.4f HU per mg/cm³ (ratio %.3f), background %.1f / %.1f HU%n",
                p.urateHuPerPercent()[0], p.urateHuPerPercent()[1], p.urateRatio(), p.haHuPerMgCm3()[0], p.haHuPerMgCm3()[1],
                p.calciumRatio(), p.background()[0], p.background()[1]);
        out.printf(Locale.ROOT, "  RMS residual %.2f HU low, %.2f HU high%n%n", fit.rmsResidualLow(), fit.rmsResidualHigh());
        out.printf(Locale.ROOT, "  %-12s %8s %8s %10s %10s %10s %10s%n", "material", "amount", "voxels", "low HU", "fit low", "high HU", "fit high");
        for (Calibration.Measured m : fit.rois()) {
            out.printf(Locale.ROOT, "  %-12s %8.1f %8d %10.1f %10.1f %10.1f %10.1f%n", m.roi().material(), m.roi().concentration(), m.voxels(),
                    m.meanLow(), m.fittedLow(), m.meanHigh(), m.fittedHigh());
        }
        return ExitCodes.OK;
    }

    private static String fmt(double kvp) {
        return kvp == Math.rint(kvp) ? Integer.toString((int) kvp) : Double.toString(kvp);
    }
}
