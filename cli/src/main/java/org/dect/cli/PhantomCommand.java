package org.dect.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dect.testdata.Anatomy;
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
        header = "Write a simulated dual-energy study of a wrist, foot or knee with its ground truth.",
        description = {"Write a simulated dual-energy CT study of a wrist, foot or knee with known ground truth:",
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

    @Option(names = "--scenario", defaultValue = "gout",
            description = "gout (urate and some calcium), calcinosis (calcium only) or calibration (a rod phantom) (default ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--anatomy", defaultValue = "wrist", description = "wrist, foot (forefoot at the first MTP) or knee (default ${DEFAULT-VALUE}).")
    String anatomy;

    @Option(names = "--water-path", paramLabel = "CM",
            description = "Tissue the beam crosses, 5 to 25 cm: a larger body part hardens the beam (default: the anatomy's, "
                    + "wrist 6, foot 10, knee 14).")
    Double waterPath;

    @Option(names = "--tissue-offset", paramLabel = "SOFT,FAT", defaultValue = "0,0",
            description = "How far soft tissue and fat read from the model's ICRP tissues, HU at both energies (default ${DEFAULT-VALUE}; "
                    + "muscle-rich tissue reads 30-60 HU above).")
    String tissueOffset;

    @Option(names = "--size", defaultValue = "256x256x80", description = "columns x rows x slices (default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed of the noise and of where the deposits grow, how large and how dense (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--noise", defaultValue = "20,12", paramLabel = "LOW,HIGH", description = "Noise SD in HU at low and high kVp (default ${DEFAULT-VALUE}).")
    String noise;

    @Option(names = "--resolution", defaultValue = "0.7", paramLabel = "MM",
            description = "FWHM of the scanner's point-spread function and slice profile, mm; 0 for partial volume only (default ${DEFAULT-VALUE}).")
    double resolution;

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
        String[] n = noise.split(",");
        if (n.length != 2) {
            throw new IllegalArgumentException("--noise must be LOW,HIGH in HU, e.g. 20,12; got '" + noise + "'");
        }
        String[] o = tissueOffset.split(",");
        if (o.length != 2) {
            throw new IllegalArgumentException("--tissue-offset must be SOFT,FAT in HU, e.g. 45,30; got '" + tissueOffset + "'");
        }
        Anatomy a = Anatomy.parse(anatomy);
        double soft = Usage.number(spec, "--tissue-offset", o[0]);
        double fat = Usage.number(spec, "--tissue-offset", o[1]);
        PhantomSpec.Body body = new PhantomSpec.Body(a, waterPath != null ? waterPath : a.waterPathCm, new double[] {soft, soft},
                new double[] {fat, fat});
        return new PhantomSpec(KvpPair.parse(pair), Scenario.parse(scenario), body, PhantomSpec.Grid.parse(size),
                new PhantomSpec.Noise(Usage.number(spec, "--noise", n[0]), Usage.number(spec, "--noise", n[1])),
                new PhantomSpec.Resolution(resolution, resolution), seed);
    }

    static Phantom write(PhantomSpec spec, Path out, boolean overwrite, int threads, Log log) {
        log.info("Simulating " + spec.scenario().name().toLowerCase(Locale.ROOT) + " phantom, " + spec.pair().label + ", "
                + spec.columns() + "x" + spec.rows() + "x" + spec.slices() + " ...");
        Phantom phantom = PhantomGenerator.generate(spec);
        PhantomWriter.write(phantom, out, overwrite, threads, log);
        return phantom;
    }
}
