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

    /** Labels voxels [0, n) of one slice. */
    public static void classify(short[] low, short[] high, byte[] labels, int n, int lowMin, int lowMax, float cutoff) {
        for (int i = 0; i < n; i++) {
            int l = low[i];
            boolean inWindow = l >= lowMin && l <= lowMax;
            boolean urate = l < cutoff * high[i];
            labels[i] = inWindow ? (urate ? Labels.URATE : Labels.CALCIUM) : Labels.NONE;
        }
    }
}
