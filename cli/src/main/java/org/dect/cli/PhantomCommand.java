package org.dect.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dect.testdata.KvpPair;
import org.dect.testdata.Phantom;
import org.dect.testdata.PhantomGenerator;
import org.dect.testdata.PhantomSpec;
import org.dect.testdata.PhantomWriter;
import org.dect.testdata.Scenario;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "phantom", mixinStandardHelpOptions = true,
        description = {"Write a simulated dual-energy CT study of a wrist with known ground truth:",
            "OUTDIR/low and OUTDIR/high (CT series), OUTDIR/ground-truth.json (urate_volume_ml,",
            "calcium_volume_ml, every deposit) and OUTDIR/truth-labels.raw (uint8 labels)."},
        footer = {"%nExamples:",
            "  dect phantom /tmp/gout",
            "  dect phantom /tmp/ssc --scenario calcinosis --pair 80/140 --seed 7",
            "  dect phantom /tmp/big --size 512x512x300",
            ExitCodes.HELP})
final class PhantomCommand implements Callable<Integer> {

    @Parameters(paramLabel = "OUTDIR", description = "Folder to create (must not exist or be empty).")
    Path out;

    @Option(names = "--pair", defaultValue = "80/Sn150", description = "kVp pair: 80/Sn150, 80/140 or 100/Sn150 (default ${DEFAULT-VALUE}).")
    String pair;

    @Option(names = "--scenario", defaultValue = "gout", description = "gout (urate and some calcium) or calcinosis (calcium only) (default ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--size", defaultValue = "256x256x80", description = "columns x rows x slices (default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed of the noise and of calcinosis placement (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--noise", defaultValue = "20,12", paramLabel = "LOW,HIGH", description = "Noise SD in HU at low and high kVp (default ${DEFAULT-VALUE}).")
    String noise;

    @Option(names = "--overwrite", description = "Replace OUTDIR if it exists.")
    boolean overwrite;

    @Mixin
    Threads threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Log log = Log.of(spec);
        PhantomSpec phantomSpec = Usage.parse(spec, this::parse);
        Phantom phantom = write(phantomSpec, out, overwrite, threads.get(), log);
        spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s phantom (%s, %dx%dx%d) to %s%n  urate %.3f mL, calcium %.3f mL in %d deposits%n",
                phantomSpec.scenario().name().toLowerCase(Locale.ROOT), phantomSpec.pair().label, phantomSpec.columns(),
                phantomSpec.rows(), phantomSpec.slices(), out, phantom.truth().urateVolumeMl(), phantom.truth().calciumVolumeMl(),
                phantom.truth().lesions().size());
        return ExitCodes.OK;
    }

    PhantomSpec parse() {
        int[] s = PhantomSpec.parseSize(size);
        String[] n = noise.split(",");
        if (n.length != 2) {
            throw new IllegalArgumentException("--noise must be LOW,HIGH in HU, e.g. 20,12; got '" + noise + "'");
        }
        return new PhantomSpec(KvpPair.parse(pair), Scenario.parse(scenario), s[0], s[1], s[2], seed,
                Usage.number(spec, "--noise", n[0]), Usage.number(spec, "--noise", n[1]));
    }

    static Phantom write(PhantomSpec spec, Path out, boolean overwrite, int threads, Log log) {
        log.info("Simulating " + spec.scenario().name().toLowerCase(Locale.ROOT) + " phantom, " + spec.pair().label + ", "
                + spec.columns() + "x" + spec.rows() + "x" + spec.slices() + " ...");
        Phantom phantom = PhantomGenerator.generate(spec);
        PhantomWriter.write(phantom, out, overwrite, threads, log);
        return phantom;
    }
}
