package org.dect.decompose;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.dect.testdata.Phantom;
import org.dect.testdata.PhantomGenerator;
import org.dect.testdata.PhantomSpec;
import org.dect.testdata.Scenario;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-voxel kernels on one core, in voxels per second (ops/s × voxels), over 64 slices of 512×512
 * (34 MB of input, far beyond the caches: the realistic case). The baseline copies the same input
 * bytes (both HU arrays) with System.arraycopy: what memory allows for a pass over the data. The fork
 * has the JDK's vector module, so the kernels without a suffix run on SIMD ({@link Simd}); the
 * {@code …Scalar} variants are what a JVM without it (the command line) runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class BenchmarkKernels {

    static final int SLICE = 512 * 512;
    static final int SLICES = 64;
    static final int VOXELS = SLICE * SLICES;

    short[][] low;
    short[][] high;
    short[][] copyLow;
    short[][] copyHigh;
    byte[][] labels;
    byte[][] candidates;
    TwoMaterialBasis basis;
    ThreeMaterialKernel.Triangle triangle;

    @Setup
    public void data() {
        SplittableRandom r = new SplittableRandom(42);
        low = new short[SLICES][SLICE];
        high = new short[SLICES][SLICE];
        copyLow = new short[SLICES][SLICE];
        copyHigh = new short[SLICES][SLICE];
        labels = new byte[SLICES][SLICE];
        candidates = new byte[SLICES][SLICE];
        for (int z = 0; z < SLICES; z++) {
            for (int i = 0; i < SLICE; i++) {
                // Extremity-like mix: mostly soft tissue and fat, some bone and deposits.
                double u = r.nextDouble();
                double l = u < 0.6 ? -15 : u < 0.85 ? -126 : u < 0.95 ? 1000 : 200;
                low[z][i] = (short) (l + 20 * r.nextGaussian());
                high[z][i] = (short) (l * 0.7 + 12 * r.nextGaussian());
                candidates[z][i] = (byte) (low[z][i] >= 100 ? 1 : 0); // bone and deposits, 15 %
            }
        }
        basis = TwoMaterialBasis.of(Presets.P80_SN150);
        triangle = ThreeMaterialKernel.Triangle.of(Presets.P80_SN150);
    }

    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void copyBaseline() {
        for (int z = 0; z < SLICES; z++) {
            System.arraycopy(low[z], 0, copyLow[z], 0, SLICE);
            System.arraycopy(high[z], 0, copyHigh[z], 0, SLICE);
        }
    }

    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void ratioRule() {
        for (int z = 0; z < SLICES; z++) {
            RatioRuleKernel.classify(low[z], high[z], labels[z], SLICE, 150, 500, 1.44f);
        }
    }

    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void ratioRuleScalar() {
        int k = Math.round(1.44f * RatioRuleKernel.SCALE);
        for (int z = 0; z < SLICES; z++) {
            RatioRuleKernel.classifyScalar(low[z], high[z], labels[z], 0, SLICE, 150, 500, k);
        }
    }

    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void twoMaterial() {
        for (int z = 0; z < SLICES; z++) {
            TwoMaterialKernel.classify(low[z], high[z], labels[z], SLICE, basis, 8, 30);
        }
    }

    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void twoMaterialScalar() {
        TwoMaterialKernel.Forms f = TwoMaterialKernel.Forms.of(basis, 8, 30);
        for (int z = 0; z < SLICES; z++) {
            TwoMaterialKernel.classifyScalar(low[z], high[z], labels[z], 0, SLICE, null, f);
        }
    }

    /** As the pipeline runs it, on candidates; SIMD labels every voxel and keeps the candidates' labels. */
    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void twoMaterialOnCandidates() {
        for (int z = 0; z < SLICES; z++) {
            TwoMaterialKernel.classify(low[z], high[z], labels[z], SLICE, candidates[z], basis, 8, 30);
        }
    }

    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void twoMaterialOnCandidatesScalar() {
        TwoMaterialKernel.Forms f = TwoMaterialKernel.Forms.of(basis, 8, 30);
        for (int z = 0; z < SLICES; z++) {
            TwoMaterialKernel.classifyScalar(low[z], high[z], labels[z], 0, SLICE, candidates[z], f);
        }
    }

    /**
     * As the pipeline runs it: only on candidates (here the 15 % of voxels that are bone or deposits;
     * about 3 % of a real wrist scan), the rest set to nothing and skipped eight at a time. Voxels of
     * the volume per second.
     */
    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void threeMaterialOnCandidates() {
        for (int z = 0; z < SLICES; z++) {
            ThreeMaterialKernel.classify(low[z], high[z], labels[z], SLICE, candidates[z], triangle, 8, 30);
        }
    }

    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void threeMaterial() {
        for (int z = 0; z < SLICES; z++) {
            ThreeMaterialKernel.classify(low[z], high[z], labels[z], SLICE, triangle, 8, 30);
        }
    }

    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void threeMaterialOnCandidatesScalar() {
        ThreeMaterialKernel.Forms f = ThreeMaterialKernel.Forms.of(triangle, 8, 30);
        for (int z = 0; z < SLICES; z++) {
            ThreeMaterialKernel.classifyScalar(low[z], high[z], labels[z], 0, SLICE, candidates[z], f);
        }
    }

    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void threeMaterialScalar() {
        ThreeMaterialKernel.Forms f = ThreeMaterialKernel.Forms.of(triangle, 8, 30);
        for (int z = 0; z < SLICES; z++) {
            ThreeMaterialKernel.classifyScalar(low[z], high[z], labels[z], 0, SLICE, null, f);
        }
    }

    /**
     * 64 slices of the gout phantom (a wrist in air: air, fat, soft tissue, bone, deposits), for the
     * three-material kernel, whose speed depends on the data: a vector of voxels that all pass its
     * surely-NONE test costs two forms, one that does not costs seven and its labels. In the
     * voxel-by-voxel mix above, where neighbours are unrelated, most vectors hold a voxel that fails
     * it; in an image, neighbours are alike.
     */
    @State(Scope.Benchmark)
    public static class PhantomSlices {
        short[][] low;
        short[][] high;
        byte[][] labels;

        @Setup
        public void generate() {
            Phantom p = PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT).withSize(512, 512, SLICES));
            low = p.low().slices();
            high = p.high().slices();
            labels = new byte[SLICES][SLICE];
        }
    }

    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void threeMaterialOnPhantom(PhantomSlices p) {
        for (int z = 0; z < SLICES; z++) {
            ThreeMaterialKernel.classify(p.low[z], p.high[z], p.labels[z], SLICE, triangle, 8, 30);
        }
    }

    @Benchmark
    @OperationsPerInvocation(VOXELS)
    public void threeMaterialOnPhantomScalar(PhantomSlices p) {
        ThreeMaterialKernel.Forms f = ThreeMaterialKernel.Forms.of(triangle, 8, 30);
        for (int z = 0; z < SLICES; z++) {
            ThreeMaterialKernel.classifyScalar(p.low[z], p.high[z], p.labels[z], 0, SLICE, null, f);
        }
    }
}
