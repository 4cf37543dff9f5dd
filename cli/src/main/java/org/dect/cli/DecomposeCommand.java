package org.dect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dect.Json;
import org.dect.decompose.Method;
import org.dect.lesion.Lesion;
import org.dect.pipeline.Decomposition;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;
import org.dect.pipeline.OutputOptions;
import org.dect.pipeline.RunOutputs;
import org.dect.output.StagedOutputFolder;
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

    @Mixin
    DecomposeOptions decompose;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Write DICOM outputs and the report here (created; refused if it exists and is not empty, unless --overwrite).")
    Path output;

    @Option(names = "--overwrite", description = "Replace DIR if it exists.")
    boolean overwrite;

    @Option(names = "--json", description = "Print the whole result as one JSON object (urate_volume_ml, calcium_volume_ml, lesions, inputs, parameters).")
    boolean json;

    @Mixin
    Threads threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Log log = Log.of(spec);
        DecompositionOptions options = decompose.options(spec, threads.get());
        OutputOptions outputOptions = decompose.outputOptions(spec);
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
