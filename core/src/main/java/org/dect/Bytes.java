package org.dect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Scanning sparse byte arrays: label slices and candidate masks, nine bytes in ten of them zero. */
public final class Bytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** A block of zeros to copy from; {@link #clear} copies it as many times as it takes. */
    private static final byte[] ZEROS = new byte[4096];

    private Bytes() { }

    /**
     * Sets bytes [from, to) to zero, as copies of a block of zeros. Under the quick JIT the launcher uses,
     * Arrays.fill is a loop of single-byte stores, 1 ns a byte on this machine, while a copy is a
     * memory move either JIT makes 45 times faster: a 512×512 slice in 6 µs instead of 250.
     */
    public static void clear(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i += ZEROS.length) {
            System.arraycopy(ZEROS, 0, bytes, i, Math.min(ZEROS.length, to - i));
        }
    }

    /**
     * The index of the first non-zero byte at or after {@code from}, or the array's length when there
     * is none. It looks at eight bytes at a time while they are all zero, so a pass over the set bytes
     * of a sparse slice costs a fraction of one over all of them.
     */
    public static int nextNonZero(byte[] bytes, int from) {
        int i = from;
        while (i + 8 <= bytes.length && (long) LONGS.get(bytes, i) == 0) {
            i += 8;
        }
        while (i < bytes.length && bytes[i] == 0) {
            i++;
        }
        return i;
    }
}
