package org.dect.render;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dect.decompose.LabelCounts;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The HTML report's slice thumbnails of the 512×512×100 gout phantom pair on one thread, with the
 * phantom's true labels. Baseline: one pass over both volumes, the least any thumbnail of every voxel
 * reads. {@code -jvmArgsAppend -XX:TieredStopAtLevel=1} measures them as a single run's quick JIT runs them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = "-Xmx3g")
public class BenchmarkThumbnails {

    HuVolume low;
    HuVolume high;
    byte[][] labels;
    LabelCounts counts;

    @Setup
    public void phantom() {
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
