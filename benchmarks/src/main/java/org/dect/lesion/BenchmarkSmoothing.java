package org.dect.lesion;

import java.util.concurrent.TimeUnit;

import org.dect.pipeline.DecompositionOptions;
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
 * The smoothing of the pipeline on the 512×512×300 gout phantom pair, one core, slice after slice as
 * {@code Decomposition} does it: the candidate mask alone, and the mask with the joint bilateral filter
 * of its candidates. Baseline: copying both volumes' slices, which is what the filter does first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class BenchmarkSmoothing {

    HuVolume low;
    HuVolume high;
    short[] outLow;
    short[] outHigh;
    DecompositionOptions.Smoothing smoothing = DecompositionOptions.defaults().smoothing();

    @Setup
    public void phantom() {
        Phantom p = PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT).withSize(512, 512, 300));
        low = p.low();
        high = p.high();
        outLow = new short[512 * 512];
        outHigh = new short[512 * 512];
    }

    @Benchmark
    public long candidateMask() {
        CandidateMask window = new CandidateMask(low, high, smoothing.floorHu());
        long n = 0;
        for (int z = 0; z < low.geometry().slices(); z++) {
            n += window.slice(z)[z];
        }
        return n;
    }

    @Benchmark
    public short candidatesAndFilter() {
        CandidateMask window = new CandidateMask(low, high, smoothing.floorHu());
        JointBilateralFilter filter = new JointBilateralFilter(smoothing.rangeSigmaHu());
        short s = 0;
        for (int z = 0; z < low.geometry().slices(); z++) {
            filter.slice(low, high, window.slice(z), z, outLow, outHigh);
            s += outLow[z];
        }
        return s;
    }

    @Benchmark
    public short copyBaseline() {
        short s = 0;
        for (int z = 0; z < low.geometry().slices(); z++) {
            System.arraycopy(low.slices()[z], 0, outLow, 0, outLow.length);
            System.arraycopy(high.slices()[z], 0, outHigh, 0, outHigh.length);
            s += outLow[z];
        }
        return s;
    }
}
