package org.dect.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dect.decompose.LabelCounts;
import org.dect.decompose.Method;
import org.dect.decompose.Presets;
import org.dect.testdata.Phantom;
import org.dect.testdata.PhantomGenerator;
import org.dect.testdata.PhantomSpec;
import org.dect.testdata.Scenario;
import org.dect.volume.HuVolume;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The report's pictures of the 512×512×100 gout phantom pair, with the phantom's true labels: the HTML
 * report's slice thumbnails on one thread, and the scatter plot (into a temporary file). Baseline: one
 * pass over both volumes, the least a picture of every voxel reads. {@code -jvmArgsAppend
 * -XX:TieredStopAtLevel=1} measures them as a single run's quick JIT runs them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = "-Xmx3g")
public class BenchmarkReportPictures {

    HuVolume low;
    HuVolume high;
    byte[][] labels;
    LabelCounts counts;

    Path scatterFile;

    @Setup
    public void phantom() throws IOException {
        scatterFile = Files.createTempFile("dect-benchmark", ".png");
        Phantom p = PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT).withSize(512, 512, 100));
        low = p.low();
        high = p.high();
        labels = p.truth().labels();
        counts = LabelCounts.of(labels, 1);
    }

    @Benchmark
    public List<SliceThumbnails.Thumbnail> thumbnails() {
        return SliceThumbnails.of(low, high, labels, counts, Fusion.DEFAULT, 1);
    }

    @TearDown
    public void removeFile() throws IOException {
        Files.deleteIfExists(scatterFile);
    }

    @Benchmark
    public Path scatterPlot() {
        ScatterPlot.write(low, high, labels, Presets.P80_SN150, Method.THREE_MATERIAL, Double.NaN, scatterFile);
        return scatterFile;
    }

    @Benchmark
    public long readBaseline() {
        long s = 0;
        for (int z = 0; z < labels.length; z++) {
            short[] l = low.slices()[z];
            short[] h = high.slices()[z];
            for (int i = 0; i < l.length; i++) {
                s += l[i] + h[i];
            }
        }
        return s;
    }
}
