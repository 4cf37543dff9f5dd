package org.dect.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.dect.ProgressListener;
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
 * Loading a dual-energy pair from uncompressed files the phantom writes (512×512, 2 × slices files):
 * scan, pair, sort, check and decode to HU. Beside it, the floor: reading the same files' bytes
 * with the same threads and doing nothing with them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
public class BenchmarkDualEnergyLoader {

    @Param({"300"})
    int slices;

    @Param({"2"})
    int threads;

    Path study;
    List<Path> files;

    @Setup(Level.Trial)
    public void writeStudy() throws IOException {
        study = Files.createTempDirectory("dect-bench-").resolve("study");
        PhantomSpec spec = PhantomSpec.defaults(Scenario.GOUT).withSize(512, 512, slices);
        PhantomWriter.write(PhantomGenerator.generate(spec), study, false, threads, ProgressListener.NONE);
        try (Stream<Path> walk = Files.walk(study)) {
            files = walk.filter(p -> p.toString().endsWith(".dcm")).toList();
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> walk = Files.walk(study.getParent())) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public DualEnergyVolumes load() {
        return new DualEnergyLoader(threads, ProgressListener.NONE).load(List.of(study), PairRequest.AUTOMATIC);
    }

    /** Floor: the bytes of the same files, read by the same number of threads. */
    @Benchmark
    public long readBytesBaseline() throws Exception {
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try {
            return pool.submit(() -> files.parallelStream().mapToLong(f -> {
                try {
                    return Files.readAllBytes(f).length;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum()).get();
        } finally {
            pool.shutdown();
        }
    }
}
