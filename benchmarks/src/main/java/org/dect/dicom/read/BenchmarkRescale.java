package org.dect.dicom.read;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
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
 * One 512×512 slice of a CT series (unsigned 16-bit, intercept −1024, stored values of a body) from
 * the bytes read into HU: the series' table, one lookup per voxel, against {@link LaneRescale}'s four
 * voxels in a long. Both start by putting the slice's bytes back into the buffer (LaneRescale works
 * in it), so each measures the same work; {@link #copyOnly} is that put and the bulk copy out. Run it
 * as the launcher runs a study, with {@code -jvmArgsAppend -XX:TieredStopAtLevel=1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(1)
public class BenchmarkRescale {

    private static final int VOXELS = 512 * 512;

    final SliceHeader.PixelEncoding encoding =
            new SliceHeader.PixelEncoding("1.2.840.10008.1.2.1", 16, 16, false, 1, "MONOCHROME2", 1, -1024);
    final byte[] stored = new byte[2 * VOXELS];
    final ByteBuffer buffer = ByteBuffer.allocateDirect(2 * VOXELS).order(ByteOrder.LITTLE_ENDIAN);
    final short[] hu = new short[VOXELS];
    short[] table;

    @Setup
    public void slice() {
        table = PixelReader.huTable(encoding);
        Random random = new Random(1);
        ByteBuffer b = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < VOXELS; i++) {
            b.putShort((short) (random.nextInt(10) < 3 ? 24 : 900 + random.nextInt(600))); // air around soft tissue and bone
        }
    }

    @Benchmark
    public short[] table() {
        buffer.clear();
        buffer.put(stored).flip();
        buffer.asShortBuffer().get(hu);
        return PixelReader.rescale(hu, 0, VOXELS, table, hu);
    }

    @Benchmark
    public short[] lanes() {
        buffer.clear();
        buffer.put(stored).flip();
        return LaneRescale.apply(buffer, encoding, table, hu);
    }

    @Benchmark
    public short[] copyOnly() {
        buffer.clear();
        buffer.put(stored).flip();
        buffer.asShortBuffer().get(hu);
        return hu;
    }
}
