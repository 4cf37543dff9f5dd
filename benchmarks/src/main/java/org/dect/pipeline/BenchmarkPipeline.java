package org.dect.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.dect.ProgressListener;
import org.dect.decompose.Method;
import org.dect.output.StagedOutputFolder;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;
import org.dect.testdata.PhantomGenerator;
import org.dect.testdata.PhantomSpec;
import org.dect.testdata.PhantomWriter;
import org.dect.testdata.Scenario;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole job on a 512×512 gout phantom pair of {@code slices} slices, as `dect decompose -o OUT
 * --outputs fused,seg,report` does it (without JVM start): load, decompose, write fused RGB, SEG and
 * report into a staged folder. Time per run should grow linearly with the slice count. With
 * {@code -p method=two-material -jvmArgsAppend --add-modules=jdk.incubator.vector} the decomposition
 * runs on the SIMD kernels ({@link org.dect.decompose.Simd}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = "-Xmx8g")
public class BenchmarkPipeline {

    @Param({"100", "300"})
    int slices;

    @Param({"2"})
    int threads;

    @Param({"three-material"})
    String method;

    Path root;
    Path study;

    @Setup(Level.Trial)
    public void writeStudy() throws IOException {
        root = Files.createTempDirectory("dect-bench-pipeline-");
        study = root.resolve("study");
        PhantomWriter.write(PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT).withSize(512, 512, slices)), study, false,
                threads, ProgressListener.NONE);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public double decomposeToFusedSegAndReport() {
        DualEnergyVolumes volumes = new DualEnergyLoader(threads, ProgressListener.NONE).load(List.of(study), PairRequest.AUTOMATIC);
        DecompositionResult result = Decomposition.run(volumes, DecompositionOptions.defaults().withMethod(Method.parse(method)).withThreads(threads), ProgressListener.NONE);
        try (StagedOutputFolder out = StagedOutputFolder.create(root.resolve("out"), true, List.of(study))) {
            RunOutputs.write(volumes, result, OutputOptions.all("bench").withKinds(EnumSet.of(OutputKind.FUSED, OutputKind.SEG,
                    OutputKind.REPORT)), out.path(), threads, ProgressListener.NONE);
            out.commit();
        }
        return result.quantification().urateVolumeMl();
    }
}
