package org.dect.lesion;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

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
 * 26-connected components of a 512×512×300 label volume holding 400 random ellipsoidal deposits and
 * two long bones, about the content of a wrist study (one core). Baseline: one pass reading every
 * label byte, the least any labelling must do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class BenchmarkConnectedComponents {

    static final int N = 512;
    static final int SLICES = 300;
    byte[][] labels;

    @Setup
    public void data() {
        labels = new byte[SLICES][N * N];
        SplittableRandom r = new SplittableRandom(7);
        for (int k = 0; k < 400; k++) {
            int cx = r.nextInt(20, N - 20);
            int cy = r.nextInt(20, N - 20);
            int cz = r.nextInt(10, SLICES - 10);
            int rad = r.nextInt(2, 9);
            fill(cx, cy, cz, rad, rad, rad, (byte) (1 + r.nextInt(2)));
        }
        fill(180, 256, SLICES / 2, 40, 30, SLICES, (byte) 2);
        fill(330, 260, SLICES / 2, 26, 22, SLICES, (byte) 2);
    }

    private void fill(int cx, int cy, int cz, int rx, int ry, int rz, byte label) {
        for (int z = Math.max(0, cz - rz); z < Math.min(SLICES, cz + rz + 1); z++) {
            for (int y = cy - ry; y <= cy + ry; y++) {
                for (int x = cx - rx; x <= cx + rx; x++) {
                    double u = (x - cx) / (double) rx;
                    double v = (y - cy) / (double) ry;
                    double w = (z - cz) / (double) rz;
                    if (u * u + v * v + w * w <= 1) {
                        labels[z][y * N + x] = label;
                    }
                }
            }
        }
    }

    @Benchmark
    public int urateComponents() {
        return ConnectedComponents.of(labels, N, N, (byte) 1).count();
    }

    @Benchmark
    public int calciumComponents() {
        return ConnectedComponents.of(labels, N, N, (byte) 2).count();
    }

    @Benchmark
    public long readBaseline() {
        long s = 0;
        for (byte[] slice : labels) {
            for (byte b : slice) {
                s += b;
            }
        }
        return s;
    }
}
