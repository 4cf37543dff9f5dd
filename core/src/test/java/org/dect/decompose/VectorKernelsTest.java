package org.dect.decompose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.dect.testing.ExternalTools;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels against the scalar ones, which KernelTest checks against their definitions: the
 * labels must be identical, on realistic and on adversarial data (the whole short range, where the
 * fixed-point sums wrap around), for lengths that leave a scalar tail, with and without candidates.
 */
class VectorKernelsTest {

    /** Not a multiple of any vector length, so every call has a tail for the scalar loop. */
    private static final int N = 512 * 97 + 13;

    /**
     * Skips where the SIMD kernels cannot be on: a CPU with narrow vectors, or a test run without the
     * vector module (from an IDE, say). Maven runs core's tests with it (core/pom.xml), so in CI a
     * missing module fails instead.
     */
    @BeforeAll
    static void simdIsOn() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            String why = "no jdk.incubator.vector in this JVM; core's tests run with --add-modules jdk.incubator.vector (core/pom.xml)";
            assertFalse(ExternalTools.inCi(), why);
            Assumptions.abort(why);
        }
        assumeTrue(VectorKernels.fitsThisCpu(), "this CPU's vectors are narrower than 256 bits, so the SIMD kernels stay off");
        assertTrue(Simd.enabled(), Simd.describe());
    }

    /** Soft tissue, fat, bone and deposits with noise, then a tenth of the voxels anywhere in the short range. */
    private static short[][] data(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        short[] low = new short[N];
        short[] high = new short[N];
        for (int i = 0; i < N; i++) {
            double u = r.nextDouble();
            double hu = u < 0.5 ? -15 : u < 0.7 ? -126 : u < 0.8 ? 1000 : u < 0.9 ? 300 : 0;
            low[i] = (short) (hu + 40 * r.nextGaussian());
            high[i] = (short) (hu * r.nextDouble(0.6, 1.0) + 25 * r.nextGaussian());
            if (u >= 0.9) {
                low[i] = (short) r.nextInt();
                high[i] = (short) r.nextInt();
            }
        }
        low[0] = Short.MIN_VALUE;
        high[0] = Short.MAX_VALUE;
        low[1] = Short.MAX_VALUE;
        high[1] = Short.MIN_VALUE;
        return new short[][] {low, high};
    }

    /** One in five voxels a candidate. */
    private static byte[] candidates(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] c = new byte[N];
        for (int i = 0; i < N; i++) {
            c[i] = (byte) (r.nextInt(5) == 0 ? 1 + r.nextInt(255) : 0);
        }
        return c;
    }

    /** Labels left over from another slice, which a masked kernel has to overwrite. */
    private static byte[] stale() {
        byte[] b = new byte[N];
        java.util.Arrays.fill(b, Labels.BONE);
        return b;
    }

    private static void assertAllLabelsOccur(byte[] labels) {
        int[] count = new int[4];
        for (byte b : labels) {
            count[b]++;
        }
        assertTrue(count[Labels.NONE] > 0 && count[Labels.URATE] > 0 && count[Labels.CALCIUM] > 0,
                "none, urate, calcium: " + count[0] + ", " + count[1] + ", " + count[2]);
    }

    @Test
    void ratioRuleGivesTheScalarLabels() {
        int[][] windows = {{150, 500}, {120, 500}, {-200, 3000}, {Integer.MIN_VALUE, Integer.MAX_VALUE}, {32000, 32767}};
        float[] cutoffs = {1.44f, 1.2f, 0.8f, 3.0f};
        for (long seed = 1; seed <= 3; seed++) {
            short[][] v = data(seed);
            for (int[] w : windows) {
                for (float cutoff : cutoffs) {
                    byte[] simd = stale();
                    byte[] scalar = stale();
                    RatioRuleKernel.classify(v[0], v[1], simd, N, w[0], w[1], cutoff);
                    RatioRuleKernel.classifyScalar(v[0], v[1], scalar, 0, N, w[0], w[1], Math.round(cutoff * RatioRuleKernel.SCALE));
                    assertArrayEquals(scalar, simd, "window " + w[0] + "–" + w[1] + ", cut-off " + cutoff + ", seed " + seed);
                    if (w[0] == 150) {
                        assertAllLabelsOccur(simd);
                    }
                }
            }
        }
    }

    @Test
    void twoMaterialGivesTheScalarLabelsWithAndWithoutCandidates() {
        float[][] thresholds = {{8, 30}, {0, 0}, {25, 200}, {-5, -10}};
        for (Preset p : Presets.all()) {
            TwoMaterialBasis basis = TwoMaterialBasis.of(p);
            for (long seed = 1; seed <= 2; seed++) {
                short[][] v = data(seed);
                byte[] candidate = candidates(seed);
                for (float[] t : thresholds) {
                    TwoMaterialKernel.Forms f = TwoMaterialKernel.Forms.of(basis, t[0], t[1]);
                    for (byte[] c : new byte[][] {null, candidate}) {
                        byte[] simd = stale();
                        byte[] scalar = stale();
                        TwoMaterialKernel.classify(v[0], v[1], simd, N, c, basis, t[0], t[1]);
                        TwoMaterialKernel.classifyScalar(v[0], v[1], scalar, 0, N, c, f);
                        String what = p.name() + ", urate ≥ " + t[0] + ", HA ≥ " + t[1] + (c == null ? "" : ", candidates");
                        assertArrayEquals(scalar, simd, what);
                        if (t[0] == 8) {
                            assertAllLabelsOccur(simd);
                        }
                    }
                }
            }
        }
    }

    /**
     * Runs of 1–40 voxels of one tissue, as in an image, so that whole vectors end at the early NONE
     * test while others mix it with the full labelling; then a tenth of the voxels anywhere.
     */
    private static short[][] runs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        short[][] v = data(seed);
        double[] tissues = {-1000, -100, 40, 40, 300, 1000};
        for (int i = 0; i < N; ) {
            double hu = tissues[r.nextInt(tissues.length)];
            double ratio = r.nextDouble(0.5, 1.0);
            for (int end = Math.min(N, i + 1 + r.nextInt(40)); i < end; i++) {
                if (r.nextInt(10) != 0) {
                    v[0][i] = (short) (hu + 30 * r.nextGaussian());
                    v[1][i] = (short) (hu * ratio + 20 * r.nextGaussian());
                }
            }
        }
        return v;
    }

    /**
     * Every preset (labels by regions), and one with an obtuse angle at the soft-tissue vertex, where
     * the early test falls back to the vertex and the labels are by feature.
     */
    @Test
    void threeMaterialGivesTheScalarLabelsWithAndWithoutCandidates() {
        float[][] thresholds = {{8, 30}, {2, 5}, {50, 500}, {95, 900}};
        List<Preset> presets = new ArrayList<>(Presets.all());
        Preset obtuse = new Preset("obtuse", 80, 150, true, new double[] {5.7, 5.6}, new double[] {1.9, -3.0},
                new double[] {0, 0}, new double[] {-15, -9}, new double[] {-126, -88}, new double[] {2025, 1040}, "test");
        assertFalse(ThreeMaterialKernel.Forms.of(ThreeMaterialKernel.Triangle.unchecked(obtuse), 8, 30).byRegions());
        presets.add(obtuse);
        for (Preset p : presets) {
            ThreeMaterialKernel.Triangle triangle = ThreeMaterialKernel.Triangle.unchecked(p);
            for (long seed = 1; seed <= 2; seed++) {
                byte[] candidate = candidates(seed);
                for (short[][] v : new short[][][] {data(seed), runs(seed)}) {
                    for (float[] t : thresholds) {
                        ThreeMaterialKernel.Forms f = ThreeMaterialKernel.Forms.of(triangle, t[0], t[1]);
                        for (byte[] c : new byte[][] {null, candidate}) {
                            byte[] simd = stale();
                            byte[] scalar = stale();
                            ThreeMaterialKernel.classify(v[0], v[1], simd, N, c, triangle, t[0], t[1]);
                            ThreeMaterialKernel.classifyScalar(v[0], v[1], scalar, 0, N, c, f);
                            String what = p.name() + ", urate ≥ " + t[0] + ", HA ≥ " + t[1] + (c == null ? "" : ", candidates");
                            assertArrayEquals(scalar, simd, what);
                            if (t[0] == 8) {
                                assertAllLabelsOccur(simd);
                            }
                        }
                    }
                }
            }
        }
    }
}
