package org.dect.decompose;

/**
 * The dual-energy ratio rule of the clinical workstations (syngo.via "Gout"): inside a window of
 * low-kVp HU, a voxel is urate when R = HU_low / HU_high is below the cut-off, calcium otherwise
 * (physics.md, "Decomposition algebra"; window 150–500 HU established, 120 HU modified, Klauser et
 * al., Diagnostics 2023, 13:2208). R &lt; k is tested as HU_low &lt; k·HU_high, which needs no
 * division and sends HU_high ≤ 0 (an infinite ratio) to calcium.
 */
public final class RatioRuleKernel {

    private RatioRuleKernel() { }

    /** Fixed-point scale of the cut-off: 1/4096 in R is far below any ratio difference that matters. */
    static final int SCALE = 4096;

    /**
     * Labels voxels [0, n) of one slice. The body is branch-free integer arithmetic (sign bits as
     * booleans, the cut-off in fixed point). HotSpot 17 and 25 do not vectorise a loop that reads short,
     * computes in int and stores byte, so it runs at 19–22 % of an array copy (16 % with branches;
     * BenchmarkKernels); with {@link Simd} on, the same arithmetic runs on the JDK's vector API.
     */
    public static void classify(short[] low, short[] high, byte[] labels, int n, int lowMin, int lowMax, float cutoff) {
        int k = Math.round(cutoff * SCALE);
        int done = Simd.ENABLED ? VectorKernels.ratio(low, high, labels, n, lowMin, lowMax, k) : 0;
        classifyScalar(low, high, labels, done, n, lowMin, lowMax, k);
    }

    /** Voxels [from, n) one at a time, {@code k} the cut-off × {@link #SCALE}; the SIMD kernel leaves it the tail. */
    static void classifyScalar(short[] low, short[] high, byte[] labels, int from, int n, int lowMin, int lowMax, int k) {
        for (int i = from; i < n; i++) {
            int l = low[i];
            int h = high[i];
            int inWindow = ~((l - lowMin) | (lowMax - l)) >>> 31;   // 1 when lowMin ≤ l ≤ lowMax
            int urate = (l * SCALE - k * h) >>> 31;                 // 1 when l < cutoff·h
            labels[i] = (byte) (inWindow * (Labels.CALCIUM - urate)); // 0, or 2 − urate
        }
    }
}
