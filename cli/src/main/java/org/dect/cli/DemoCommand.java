package org.dect.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dect.OutputException;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;
import org.dect.testdata.Phantom;
import org.dect.testdata.PhantomSpec;
import org.dect.testdata.PhantomWriter;
import org.dect.testdata.Scenario;
import org.dect.volume.HuVolume;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Write a gout phantom study (low and high kVp, with ground truth), then find,",
            "pair and load it as any study would be, and report what was read next to the truth."},
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
        PhantomSpec phantomSpec = PhantomSpec.defaults(Scenario.GOUT);
        Phantom phantom = PhantomCommand.write(phantomSpec, target.resolve("study"), overwrite, threads.get(), log);

        long start = System.nanoTime();
        DualEnergyVolumes volumes = new DualEnergyLoader(threads.get(), log).load(List.of(target.resolve("study")), PairRequest.AUTOMATIC);
        double seconds = (System.nanoTime() - start) / 1e9;

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Demo study: %s%n", target.resolve("study"));
        out.printf(Locale.ROOT, "  low:  %s%n  high: %s%n", volumes.pair().low().describe(), volumes.pair().high().describe());
        out.printf(Locale.ROOT, "  loaded %s in %.2f s%n", volumes.low().geometry(), seconds);
        out.printf(Locale.ROOT, "  deposit HU read back (mean of voxels fully inside, truth in brackets):%n");
        for (Phantom.LesionTruth t : phantom.truth().lesions()) {
            double[] mean = meanInside(volumes, phantom, t);
            out.printf(Locale.ROOT, "    #%-2d %-7s %5.0f %-6s low %6.1f [%6.1f]  high %6.1f [%6.1f]  %s%n",
                    t.lesion().id(), t.lesion().material().name().toLowerCase(Locale.ROOT), t.lesion().concentration(),
                    t.lesion().material() == org.dect.testdata.Lesion.Material.URATE ? "% w/w" : "mg/cc",
                    mean[0], t.meanHu()[0], mean[1], t.meanHu()[1], t.lesion().site());
        }
        out.printf(Locale.ROOT, "  ground truth: urate %.3f mL, calcium %.3f mL (%s)%n",
                phantom.truth().urateVolumeMl(), phantom.truth().calciumVolumeMl(),
                target.resolve("study").resolve(PhantomWriter.TRUTH_JSON));
        return ExitCodes.OK;
    }

    /** Mean HU over the voxels whose centre lies deep inside the deposit (normalised radius below 0.6). */
    private static double[] meanInside(DualEnergyVolumes v, Phantom phantom, Phantom.LesionTruth t) {
        var shape = t.lesion().shape();
        HuVolume low = v.low();
        double[] sum = new double[2];
        int n = 0;
        var g = low.geometry();
        for (int z = 0; z < g.slices(); z++) {
            for (int y = 0; y < g.rows(); y++) {
                for (int x = 0; x < g.columns(); x++) {
                    double[] p = g.toPatient(x, y, z);
                    double u = (p[0] - shape.cx()) / shape.rx();
                    double w = (p[1] - shape.cy()) / shape.ry();
                    double s = (p[2] - shape.cz()) / shape.rz();
                    if (u * u + w * w + s * s < 0.36) {
                        sum[0] += low.get(x, y, z);
                        sum[1] += v.high().get(x, y, z);
                        n++;
                    }
                }
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {sum[0] / n, sum[1] / n};
    }

    private static Path newTempDir() {
        try {
            return Files.createTempDirectory("dect-demo-");
        } catch (IOException e) {
            throw new OutputException("Cannot create a temporary folder for the demo: " + e.getMessage(), e);
        }
    }
}
