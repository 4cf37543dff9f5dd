package org.dect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.dect.Json;
import org.dect.format.CalibrationFile;
import org.dect.decompose.Method;
import org.dect.decompose.Presets;
import org.dect.lesion.Lesion;
import org.dect.pipeline.Decomposition;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;
import org.dect.pipeline.OutputKind;
import org.dect.pipeline.OutputOptions;
import org.dect.pipeline.RunOutputs;
import org.dect.output.StagedOutputFolder;
import org.dect.render.Fusion;
import org.dect.format.ReportJson;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "decompose", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Separate urate from calcium in a dual-energy pair and measure the deposits.",
        description = {"Separate urate from calcium in a dual-energy pair and measure the urate.",
            "Prints the urate and calcium volumes and the lesion table (or the whole result as JSON)."},
        footer = {"%nExamples:",
            "  dect decompose /data/study -o /data/study-dect",
            "  dect decompose --low /data/SE2 --high /data/SE3 --method ratio",
            "  dect decompose /data/study --window 120,500 --method ratio",
            "  dect decompose /data/study --calibration scanner.json --json > result.json",
            ExitCodes.HELP})
final class DecomposeCommand implements Callable<Integer> {

    @Mixin
    PairOptions pair;

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

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Write DICOM outputs and the report here (created; refused if it exists and is not empty, unless --overwrite).")
    Path output;

    @Option(names = "--outputs", paramLabel = "LIST", defaultValue = "fused,seg,overlay,report",
            description = "What to write into DIR: fused, seg, overlay, maps, nifti, report, or all (default ${DEFAULT-VALUE}).")
    String outputs;

    @Option(names = "--overwrite", description = "Replace DIR if it exists.")
    boolean overwrite;

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

    @Option(names = "--json", description = "Print the whole result as one JSON object (urate_volume_ml, calcium_volume_ml, lesions, inputs, parameters).")
    boolean json;

    @Mixin
    Threads threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Log log = Log.of(spec);
        DecompositionOptions options = Usage.parse(spec, this::options);
        Set<OutputKind> kinds = Usage.parse(spec, () -> OutputKind.parse(outputs));
        Fusion fusion = Usage.parse(spec, this::fusion);
        OutputOptions outputOptions = Usage.parse(spec, () -> new OutputOptions(kinds, fusion,
                seriesNumber != null ? seriesNumber : OutputOptions.seriesNumberBase(LocalTime.now()), VersionCommand.version()));
        List<Path> roots = Usage.parse(spec, pair::roots);
        long start = System.nanoTime();
        // Refuse a bad output folder before the minutes of work, not after; remove the staging folder on any failure.
        StagedOutputFolder folder = output == null ? null : StagedOutputFolder.create(output, overwrite, roots);
        try {
            DualEnergyVolumes volumes = new DualEnergyLoader(threads.get(), log).load(roots, pair.request());
            long loaded = System.nanoTime();
            log.info(String.format(Locale.ROOT, "Loaded in %.2f s: low %s, high %s", (loaded - start) / 1e9,
                    volumes.pair().low().describe(), volumes.pair().high().describe()));
            DecompositionResult result = Decomposition.run(volumes, options, log);
            long decomposed = System.nanoTime();
            log.info(String.format(Locale.ROOT, "Decomposed in %.2f s %s", (decomposed - loaded) / 1e9, result.timingsMs()));
            result.notes().forEach(n -> log.info("Note: " + n));
            if (folder != null) {
                RunOutputs.write(volumes, result, outputOptions, folder.path(), threads.get(), log);
                folder.commit();
                log.info(String.format(Locale.ROOT, "Wrote outputs in %.2f s", (System.nanoTime() - decomposed) / 1e9));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(ReportJson.of(volumes, result, VersionCommand.version())));
            } else {
                print(out, volumes, result, (System.nanoTime() - start) / 1e9);
                if (folder != null) {
                    out.println("Outputs:  " + folder.target());
                }
            }
        } finally {
            if (folder != null) {
                folder.close();
            }
        }
        return ExitCodes.OK;
    }

    DecompositionOptions options() {
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
                .withThreads(threads.get());
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

    Fusion fusion() {
        String[] w = displayWindow.split(",");
        if (w.length != 2) {
            throw new IllegalArgumentException("--display-window must be CENTRE,WIDTH in HU, e.g. 300,1500; got '" + displayWindow + "'");
        }
        return new Fusion(Usage.number(spec, "--display-window", w[0]), Usage.number(spec, "--display-window", w[1]),
                Fusion.DEFAULT.lowWeight(), opacity);
    }

    private static void print(PrintWriter out, DualEnergyVolumes volumes, DecompositionResult r, double seconds) {
        var q = r.quantification();
        out.printf(Locale.ROOT, "Pair:     low %s, high %s (%d slices)%n", volumes.pair().low().energyLabel(),
                volumes.pair().high().energyLabel(), volumes.low().geometry().slices());
        out.printf(Locale.ROOT, "Method:   %s, preset %s%s%n", r.options().method().label, r.preset().name(),
                r.calibration().adjustments().isEmpty() ? "" : ", adapted to the scan");
        Summary.print(out, q, r.noise());
        for (int i = 0; i < r.calibration().adjustments().size(); i++) {
            out.printf(Locale.ROOT, "%s %s%n", i == 0 ? "Adjusted:" : "         ", r.calibration().adjustments().get(i));
        }
        // Warnings belong with the numbers they qualify, not only in the log.
        for (int i = 0; i < r.warnings().size(); i++) {
            out.printf(Locale.ROOT, "%s %s%n", i == 0 ? "Warning: " : "         ", r.warnings().get(i));
        }
        out.printf(Locale.ROOT, "%n%4s %-13s %7s %10s %17s %10s %22s %7s %7s %5s %7s %6s%n",
                "id", "material", "voxels", "volume mL", "95 % interval", "voxels mL", "centroid mm (x, y, z)", "HU low", "HU high",
                "ratio", "urate %", "HA mg");
        for (Lesion l : q.lesions()) {
            double[] ci = l.volumeCi95Ml();
            out.printf(Locale.ROOT, "%4d %-13s %7d %10.4f %17s %10.4f %22s %7.1f %7.1f %5.2f %7.1f %6.1f%n", l.id(), l.materialName(),
                    l.voxels(), l.volumeMl(), Double.isNaN(ci[0]) ? "-" : String.format(Locale.ROOT, "%.4f-%.4f", ci[0], ci[1]),
                    l.voxelVolumeMl(), String.format(Locale.ROOT, "%.1f, %.1f, %.1f", l.centroidMm()[0], l.centroidMm()[1], l.centroidMm()[2]),
                    l.meanLow(), l.meanHigh(), l.meanRatio(), l.meanUrate(), l.meanHa());
        }
        out.printf(Locale.ROOT, "%nWall time %.2f s%n", seconds);
    }
}
