package org.dect.dicom.read;

import java.nio.ByteBuffer;

/**
 * The rescale nearly every CT series has, HU = stored + intercept (slope 1, a whole intercept in
 * [-32768, 0]), on 16-bit samples four at a time, as the four lanes of a long. The launcher's quick JIT
 * compiler (C1) does not vectorise, and there a 512×512 slice took 546 ± 29 µs by the table, 275 ± 68 µs
 * in lanes, copies included (JMH {@code BenchmarkRescale}, C1, 2026-12-02). The lookup was most of
 * reading's time, and 14 % of the Java code's in a 300-slice run.
 *
 * <p>A lane whose pattern has its top bit clear holds the same value read signed or unsigned, and adding
 * an intercept in [-32768, 0] to it cannot leave the range of a short: no clamping is needed, and the
 * lanes' 15-bit sums cannot carry into each other. A long with a top bit set in any lane (a negative
 * signed sample, an unsigned one of 32768 or more) goes through the series' table instead.
 */
final class LaneRescale {

    private static final long TOP_BITS = 0x8000_8000_8000_8000L;
    private static final ThreadLocal<long[]> LANES = new ThreadLocal<>();

    private LaneRescale() { }

    /** Whether the encoding's rescale is one this can do: signed samples only at 16 bits stored, whose sign bit is the lane's top bit. */
    static boolean applies(SliceHeader.PixelEncoding enc) {
        double slope = enc.rescaleSlope();
        double intercept = Double.isNaN(enc.rescaleIntercept()) ? 0 : enc.rescaleIntercept();
        boolean unitSlope = Double.isNaN(slope) || slope == 0 || slope == 1; // 0 and missing are 1, as PixelReader.huTable takes them
        return enc.bitsAllocated() == 16 && unitSlope && intercept == Math.rint(intercept) && intercept >= Short.MIN_VALUE
                && intercept <= 0 && (!enc.signed() || enc.bitsStored() >= 16);
    }

    /**
     * The HU of {@code hu.length} 16-bit samples in {@code bytes} (from its position, in its byte order),
     * which this overwrites. {@code table} is the encoding's {@link PixelReader#huTable}, for the lanes
     * this cannot do. Returns {@code hu}.
     */
    static short[] apply(ByteBuffer bytes, SliceHeader.PixelEncoding enc, short[] table, short[] hu) {
        int n = hu.length;
        int longs = n / 4;
        long[] lanes = lanes(longs);
        int bits = Math.min(16, enc.bitsStored());
        long mask = 0x0001_0001_0001_0001L * ((1 << bits) - 1);
        long intercept = 0x0001_0001_0001_0001L * ((int) (Double.isNaN(enc.rescaleIntercept()) ? 0 : enc.rescaleIntercept()) & 0xffff);
        long interceptLow = intercept & ~TOP_BITS;
        long interceptTop = intercept & TOP_BITS;
        bytes.asLongBuffer().get(lanes, 0, longs);
        for (int i = 0; i < longs; i++) {
            long x = lanes[i] & mask;
            lanes[i] = (x & TOP_BITS) == 0 ? (x + interceptLow) ^ interceptTop : fromTable(lanes[i], table);
        }
        bytes.asLongBuffer().put(lanes, 0, longs);
        bytes.asShortBuffer().get(hu);
        for (int i = 4 * longs; i < n; i++) {
            hu[i] = table[hu[i] & 0xffff];
        }
        return hu;
    }

    private static long fromTable(long patterns, short[] table) {
        long out = 0;
        for (int shift = 0; shift < 64; shift += 16) {
            out |= (table[(int) (patterns >>> shift) & 0xffff] & 0xffffL) << shift;
        }
        return out;
    }

    /** This thread's lanes, reused: a slice's half megabyte is not made anew for the collector. */
    private static long[] lanes(int longs) {
        long[] l = LANES.get();
        if (l == null || l.length < longs) {
            l = new long[longs];
            LANES.set(l);
        }
        return l;
    }
}
