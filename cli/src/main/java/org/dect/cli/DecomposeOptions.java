package org.dect.cli;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Set;

import org.dect.decompose.Method;
import org.dect.decompose.Presets;
import org.dect.format.CalibrationFile;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.OutputKind;
import org.dect.pipeline.OutputOptions;
import org.dect.render.Fusion;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Every option of how to decompose and what to write: shared by decompose and batch. */
final class DecomposeOptions {

    @Option(names = "--method", defaultValue = "three-material",
            description = "three-material (default: most accurate on the phantoms), two-material, or ratio (the workstations' rule).")
    String method;

    @Option(names = "--preset", description = "kVp-pair preset: 80/140, 80/Sn140, 80/Sn150, 90/Sn150, 100/Sn150, 100/140 (default: from KVP and filter).")
    String preset;

    @Option(names = "--calibration", paramLabel = "FILE", description = "A calibration written by 'dect calibrate', instead of a preset.")
    Path calibration;

    @Option(names = "--window", paramLabel = "MIN,MAX", defaultValue = "150,500",
            description = "Ratio rule: low-kVp HU window (default ${DEFAULT-VALUE}; 120,500 is the modified protocol).")
    String window;

    @Option(names = "--cutoff", paramLabel = "R", description = "Ratio rule: DE-ratio cut-off (default: the preset's, between the urate and calcium lines).")
    Double cutoff;

    @Option(names = "--min-urate", paramLabel = "PCT", defaultValue = "8",
            description = "Amount methods: least urate, %% w/w, to call a voxel urate; above 0, at most 100 (default ${DEFAULT-VALUE}).")
    double minUrate;

    @Option(names = "--min-ha", paramLabel = "MG", defaultValue = "30",
            description = "Amount methods: least hydroxyapatite, mg/cm³, to call a voxel calcium; above 0, at most 1000 (default ${DEFAULT-VALUE}).")
    double minHa;

    @Option(names = "--no-smoothing", description = "Skip the edge-preserving noise reduction.")
    boolean noSmoothing;

    @Option(names = "--smoothing-sigma", paramLabel = "HU", defaultValue = "30",
            description = "Range sigma of the joint bilateral filter, HU (default ${DEFAULT-VALUE}).")
    double smoothingSigma;

    @Option(names = "--min-lesion-voxels", paramLabel = "N", defaultValue = "3", description = "Drop deposits of fewer voxels (default ${DEFAULT-VALUE}).")
    long minVoxels;

    @Option(names = "--min-lesion-mm3", paramLabel = "MM3", defaultValue = "1.0", description = "Drop deposits smaller than this, mm³ (default ${DEFAULT-VALUE}).")
    double minMm3;

    @Option(names = "--skin-rim-mm", paramLabel = "MM", defaultValue = "2.0", description = "Ignore urate this close to the skin, mm; 0 keeps it (default ${DEFAULT-VALUE}).")
    double skinRim;

    @Option(names = "--bone-margin-mm", paramLabel = "MM", defaultValue = "0.5", description = "Ignore urate this close to cortical bone, mm; 0 keeps it (default ${DEFAULT-VALUE}).")
    double boneMargin;

    @Option(names = "--outputs", paramLabel = "LIST", defaultValue = "fused,seg,overlay,report",
            description = "What to write into DIR: fused, seg, overlay, maps, nifti, report, or all (default ${DEFAULT-VALUE}).")
    String outputs;

    @Option(names = "--series-number", paramLabel = "N",
            description = "Number the derived series N+1 (fused) to N+5 (HA map) (default: from the time of day, 100000 + 10 × HHMM, "
                    + "so that a study processed twice gets series that do not collide).")
    Integer seriesNumber;

    @Option(names = "--display-window", paramLabel = "CENTRE,WIDTH", defaultValue = "300,1500",
            description = "Grey window of the fused images' mixed image, HU (default ${DEFAULT-VALUE}).")
    String displayWindow;

    @Option(names = "--opacity", paramLabel = "A", defaultValue = "0.6",
            description = "Opacity of urate and calcium colours in the fused images, 0..1 (default ${DEFAULT-VALUE}).")
    double opacity;

    @Option(names = "--min-urate-lesion-hu", paramLabel = "HU", defaultValue = "30",
            description = "Drop urate deposits whose mean low-kVp HU is below this (default ${DEFAULT-VALUE}).")
    double minUrateLesionHu;

    @Option(names = "--no-scan-calibration",
            description = "Decompose with the preset as it is, not adapted to the scan's air, soft tissue and cortical bone.")
    boolean noScanCalibration;

    @Option(names = "--no-deposit-test",
            description = "Keep deposits by fixed rules (size, --min-urate-lesion-hu) and measure them by their voxels, "
                    + "instead of judging each against the scan's noise.")
    boolean noDepositTest;

    @Option(names = "--detection-z", paramLabel = "Z", defaultValue = "" + DecompositionOptions.LesionRules.DETECTION_Z,
            description = "Deposit test: SDs of noise a deposit must stand above soft tissue (default ${DEFAULT-VALUE}).")
    double detectionZ;

    @Option(names = "--material-z", paramLabel = "Z", defaultValue = "" + DecompositionOptions.LesionRules.MATERIAL_Z,
            description = "Deposit test: SDs a deposit must lie on its side of the urate/calcium boundary, "
                    + "else it is indeterminate (default ${DEFAULT-VALUE}).")
    double materialZ;

    /** The decomposition the options ask for; a bad value is a usage error naming the option. */
    DecompositionOptions options(CommandLine.Model.CommandSpec spec, int threads) {
        return Usage.parse(spec, () -> parse(spec, threads));
    }

    private DecompositionOptions parse(CommandLine.Model.CommandSpec spec, int threads) {
        String[] w = window.split(",");
        if (w.length != 2) {
            throw new IllegalArgumentException("--window must be MIN,MAX in HU, e.g. 150,500; got '" + window + "'");
        }
        if (!(minUrate > 0 && minUrate <= 100)) {
            throw new IllegalArgumentException("--min-urate must be above 0 and at most 100 (% w/w); got " + minUrate);
        }
        if (!(minHa > 0 && minHa <= 1000)) {
            throw new IllegalArgumentException("--min-ha must be above 0 and at most 1000 (mg/cm³); got " + minHa);
        }
        DecompositionOptions o = DecompositionOptions.defaults()
                .withMethod(Method.parse(method))
                .withRatio(new DecompositionOptions.RatioRule(Usage.integer(spec, "--window", w[0]), Usage.integer(spec, "--window", w[1]),
                        cutoff == null ? Double.NaN : cutoff))
                .withThresholds(new DecompositionOptions.Thresholds(minUrate, minHa))
                .withSmoothing(new DecompositionOptions.Smoothing(!noSmoothing, smoothingSigma, DecompositionOptions.Smoothing.DEFAULT.floorHu()))
                .withLesions(new DecompositionOptions.LesionRules(minVoxels, minMm3, skinRim, boneMargin, minUrateLesionHu, detectionZ, materialZ))
                .withInScan(new DecompositionOptions.InScan(!noScanCalibration, !noDepositTest))
                .withThreads(threads);
        if (preset != null && calibration != null) {
            throw new IllegalArgumentException("--preset and --calibration exclude each other");
        }
        if (preset != null) {
            o = o.withPreset(Presets.byName(preset));
        } else if (calibration != null) {
            o = o.withPreset(CalibrationFile.read(calibration));
        }
        return o;
    }

    /** What to write and how: the output kinds, the fused images' window and opacity, the series numbers. */
    OutputOptions outputOptions(CommandLine.Model.CommandSpec spec) {
        Set<OutputKind> kinds = Usage.parse(spec, () -> OutputKind.parse(outputs));
        Fusion fusion = Usage.parse(spec, () -> fusion(spec));
        return Usage.parse(spec, () -> new OutputOptions(kinds, fusion,
                seriesNumber != null ? seriesNumber : OutputOptions.seriesNumberBase(LocalTime.now()), VersionCommand.version()));
    }

    private Fusion fusion(CommandLine.Model.CommandSpec spec) {
        String[] w = displayWindow.split(",");
        if (w.length != 2) {
            throw new IllegalArgumentException("--display-window must be CENTRE,WIDTH in HU, e.g. 300,1500; got '" + displayWindow + "'");
        }
        return new Fusion(Usage.number(spec, "--display-window", w[0]), Usage.number(spec, "--display-window", w[1]),
                Fusion.DEFAULT.lowWeight(), opacity);
    }
}
