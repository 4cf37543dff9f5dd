package org.dect.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dect.OutputException;
import org.dect.decompose.Labels;
import org.dect.output.StagedOutputFolder;
import org.dect.pipeline.Decomposition;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;
import org.dect.pipeline.OutputOptions;
import org.dect.pipeline.RunOutputs;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;
import org.dect.testdata.Phantom;
import org.dect.testdata.PhantomSpec;
import org.dect.testdata.PhantomWriter;
import org.dect.testdata.Scenario;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Simulate a gout study, decompose it, and set the result beside the truth.",
        description = {"Write a gout phantom study (low and high kVp, with ground truth) into DIR/study,",
            "decompose it as any study would be, write every output into DIR/output and",
            "print the measured urate next to the truth."},
        footer = {"%nExamples:",
            "  dect demo                  into a new folder under the system temp folder",
            "  dect demo /tmp/dect-demo --overwrite",
            ExitCodes.HELP})
final class DemoCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Where to put the demo (default: a new temporary folder).")
    Path dir;

    @Option(names = "--overwrite", description = "Replace DIR if it exists.")
    boolean overwrite;

    @Mixin
    Threads threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Log log = Log.of(spec);
        Path target = dir != null ? dir : newTempDir();
        Path study = target.resolve("study");
        Path output = target.resolve("output");
        PhantomSpec phantomSpec = PhantomSpec.defaults(Scenario.GOUT);
        Phantom phantom = PhantomCommand.write(phantomSpec, study, overwrite, threads.get(), log);

        long start = System.nanoTime();
        DualEnergyVolumes volumes = new DualEnergyLoader(threads.get(), log).load(List.of(study), PairRequest.AUTOMATIC);
        DecompositionResult result = Decomposition.run(volumes, DecompositionOptions.defaults().withThreads(threads.get()), log);
        try (StagedOutputFolder folder = StagedOutputFolder.create(output, overwrite, List.of(study))) {
            RunOutputs.write(volumes, result, OutputOptions.all(VersionCommand.version()), folder.path(), threads.get(), log);
            folder.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        PrintWriter out = spec.commandLine().getOut();
        var q = result.quantification();
        out.printf(Locale.ROOT, "Demo: a simulated gout study of a wrist (%s, %dx%dx%d, noise 20/12 HU)%n", phantomSpec.pair().label,
                phantomSpec.columns(), phantomSpec.rows(), phantomSpec.slices());
        out.printf(Locale.ROOT, "  study:   %s%n", study);
        out.printf(Locale.ROOT, "  pair:    low %s%n           high %s%n", volumes.pair().low().describe(), volumes.pair().high().describe());
        out.printf(Locale.ROOT, "  method:  %s, preset %s%n", result.options().method().label, result.preset().name());
        double[] ci = q.urate().ci95();
        out.printf(Locale.ROOT, "  urate:   %.3f mL (95 %% interval %.3f-%.3f) in %d deposits   (truth %.3f mL in 6)%n", q.urateVolumeMl(),
                ci[0], ci[1], q.count(Labels.URATE), phantom.truth().urateVolumeMl());
        out.printf(Locale.ROOT, "  calcium: %.3f mL in %d deposits   (truth %.3f mL in 3; bone, %.1f mL, counted apart)%n",
                q.calciumVolumeMl(), q.count(Labels.CALCIUM), phantom.truth().calciumVolumeMl(), q.boneVolumeMl());
        out.printf(Locale.ROOT, "  outputs: %s%n", output);
        out.printf(Locale.ROOT, "           report.html (open it in a browser), fused/ (colour images), seg/segmentation.dcm, sr/measurements.dcm,%n");
        out.printf(Locale.ROOT, "           overlay/, maps/, nifti/, report.json, lesions.csv, montage.png, scatter.png%n");
        out.printf(Locale.ROOT, "  truth:   %s%n", study.resolve(PhantomWriter.TRUTH_JSON));
        out.printf(Locale.ROOT, "  load, decompose and write: %.2f s%n", seconds);
        return ExitCodes.OK;
    }

    private static Path newTempDir() {
        try {
            return Files.createTempDirectory("dect-demo-");
        } catch (IOException e) {
            throw new OutputException("Cannot create a temporary folder for the demo: " + e.getMessage(), e);
        }
    }
}
