package org.dect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Scanning sparse byte arrays: label slices and candidate masks, nine bytes in ten of them zero. */
public final class Bytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() { }

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
