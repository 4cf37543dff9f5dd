package org.dect.decompose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The three-material label against its definition: the two-material rule applied to the fractions
 * of the nearest point of the material triangle, computed here in double precision the plain way.
 */
class ThreeMaterialKernelTest {

    private static final float[][] THRESHOLDS = {{8, 30}, {15, 100}, {2, 5}, {50, 500}, {95, 900}};

    /** Which feature of the triangle the reference found nearest, to show the test data reaches all seven. */
    private enum Feature { INSIDE, SOFT_URATE, SOFT_HA, URATE_HA, SOFT, URATE, HA }

    /** The reference: barycentric coordinates by Commons Math's inverse; outside, the nearest clamped foot on the three edges. */
    private static final class Reference {
        final ThreeMaterialKernel.Triangle t;
        final RealMatrix inverse;
        final float minUrate;
        final float minHa;
        Feature feature;

        Reference(ThreeMaterialKernel.Triangle t, float minUrate, float minHa) {
            this.t = t;
            this.inverse = MatrixUtils.inverse(MatrixUtils.createRealMatrix(new double[][] {
                {t.urate()[0], t.ha()[0], t.soft()[0]}, {t.urate()[1], t.ha()[1], t.soft()[1]}, {1, 1, 1}}));
            this.minUrate = minUrate;
            this.minHa = minHa;
        }

        byte label(double l, double h) {
            double[] f = inverse.operate(new double[] {l, h, 1});
            feature = Feature.INSIDE;
            if (f[0] < 0 || f[1] < 0 || f[2] < 0) {
                double[][] ends = {t.soft(), t.urate(), t.soft(), t.ha(), t.urate(), t.ha()};
                double best = Double.MAX_VALUE;
                for (int e = 0; e < 3; e++) {
                    double[] p = ends[2 * e];
                    double[] q = ends[2 * e + 1];
                    double dx = q[0] - p[0];
                    double dy = q[1] - p[1];
                    double a = Math.max(0, Math.min(1, ((l - p[0]) * dx + (h - p[1]) * dy) / (dx * dx + dy * dy)));
                    double distance = Math.hypot(p[0] + a * dx - l, p[1] + a * dy - h);
                    if (distance < best) {
                        best = distance;
                        // Fractions of urate and HA at the foot: soft→urate, soft→HA, urate→HA.
                        f[0] = e == 0 ? a : e == 1 ? 0 : 1 - a;
                        f[1] = e == 0 ? 0 : e == 1 ? a : a;
                        feature = a == 0 ? (e == 2 ? Feature.URATE : Feature.SOFT) : a == 1 ? (e == 0 ? Feature.URATE : Feature.HA)
                                : Feature.values()[1 + e];
                    }
                }
            }
            float u = (float) (100 * f[0]);
            float c = (float) (1000 * f[1]);
            return TwoMaterialKernel.label(u, c, u * (float) t.urateHuPerPercent(), c * (float) t.haHuPerMgCm3(), minUrate, minHa);
        }

        /** Whether the reference label changes within 10⁻³ HU: a point on a decision boundary, where rounding decides. */
        boolean onBoundary(double l, double h) {
            byte here = label(l, h);
            double e = 1e-3;
            return label(l + e, h) != here || label(l - e, h) != here || label(l, h + e) != here || label(l, h - e) != here;
        }
    }

    /** A third air, fat or soft tissue with noise, a third in the clinical range, a third anywhere a short reaches. */
    private static int[] voxel(SplittableRandom r, int k) {
        if (k % 3 == 0) {
            double tissue = new double[] {-1000, -100, 40, 60}[r.nextInt(4)];
            return new int[] {(int) Math.round(tissue + 30 * r.nextGaussian()), (int) Math.round(tissue + 20 * r.nextGaussian())};
        }
        return k % 3 == 1 ? new int[] {r.nextInt(-1100, 3100), r.nextInt(-1100, 2000)} : new int[] {(short) r.nextInt(), (short) r.nextInt()};
    }

    @Test
    void labelIsTheRuleAtTheNearestPointOfTheTriangle() {
        SplittableRandom r = new SplittableRandom(7);
        int[] features = new int[Feature.values().length];
        int[] labels = new int[3];
        long ties = 0;
        long points = 0;
        for (Preset p : Presets.all()) {
            ThreeMaterialKernel.Triangle t = ThreeMaterialKernel.Triangle.of(p);
            for (float[] th : THRESHOLDS) {
                ThreeMaterialKernel.Forms f = ThreeMaterialKernel.Forms.of(t, th[0], th[1]);
                Reference ref = new Reference(t, th[0], th[1]);
                for (int k = 0; k < 60_000; k++) {
                    int[] v = voxel(r, k);
                    int l = v[0];
                    int h = v[1];
                    byte expected = ref.label(l, h);
                    features[ref.feature.ordinal()]++;
                    labels[expected]++;
                    points++;
                    for (boolean byRegions : new boolean[] {true, false}) {
                        byte actual = label(l, h, f, byRegions);
                        if (actual != expected) {
                            assertTrue(ref.onBoundary(l, h), p.name() + ", thresholds " + th[0] + "/" + th[1] + ", by regions " + byRegions
                                    + ": voxel " + l + "/" + h + " labelled " + actual + ", nearest point " + ref.feature + " says " + expected);
                            ties++;
                        }
                    }
                }
            }
        }
        for (Feature feature : Feature.values()) {
            assertTrue(features[feature.ordinal()] > 1000, feature + " reached " + features[feature.ordinal()] + " times");
        }
        assertTrue(labels[Labels.URATE] > points / 50 && labels[Labels.CALCIUM] > points / 50, "urate " + labels[1] + ", calcium " + labels[2]);
        assertTrue(ties <= 2 * points / 100_000, ties + " ties in " + 2 * points);
    }

    /** {@link ThreeMaterialKernel#label} by one method or the other, for presets where it would use regions. */
    private static byte label(float l, float h, ThreeMaterialKernel.Forms f, boolean byRegions) {
        assertTrue(f.byRegions());
        float a0 = f.a0().value(l, h);
        float a1 = f.a1().value(l, h);
        if (a0 < f.a0Early() && a1 < f.a1Early()) {
            return Labels.NONE;
        }
        return byRegions ? ThreeMaterialKernel.labelByRegions(l, h, a0, a1, f) : ThreeMaterialKernel.labelByFeature(l, h, a0, a1, f);
    }

    /** Every integer pair of the clinical range, for the default preset and thresholds. */
    @Test
    void everyClinicalVoxelOfTheDefaultSettingIsLabelledAsTheNearestPoint() {
        ThreeMaterialKernel.Triangle t = ThreeMaterialKernel.Triangle.of(Presets.P80_SN150);
        ThreeMaterialKernel.Forms f = ThreeMaterialKernel.Forms.of(t, 8, 30);
        Reference ref = new Reference(t, 8, 30);
        int ties = 0;
        for (int l = -1024; l <= 2500; l++) {
            for (int h = -1024; h <= 1500; h++) {
                byte expected = ref.label(l, h);
                for (boolean byRegions : new boolean[] {true, false}) {
                    if (label(l, h, f, byRegions) != expected) {
                        assertTrue(ref.onBoundary(l, h), "voxel " + l + "/" + h + ", by regions " + byRegions);
                        ties++;
                    }
                }
            }
        }
        assertTrue(ties <= 20, ties + " ties");
    }

    /**
     * The kernels' first test: wherever both feet are below their early bounds the label must be
     * NONE, on air, fat and soft tissue, the clinical range and the whole short range.
     */
    @Test
    void earlyBoundsOnlyPassVoxelsThatAreNone() {
        SplittableRandom r = new SplittableRandom(11);
        long points = 0;
        long passed = 0;
        for (Preset p : Presets.all()) {
            ThreeMaterialKernel.Triangle t = ThreeMaterialKernel.Triangle.of(p);
            for (float[] th : THRESHOLDS) {
                ThreeMaterialKernel.Forms f = ThreeMaterialKernel.Forms.of(t, th[0], th[1]);
                for (int k = 0; k < 200_000; k++) {
                    int[] v = voxel(r, k);
                    int l = v[0];
                    int h = v[1];
                    points++;
                    if (f.a0().value(l, h) < f.a0Early() && f.a1().value(l, h) < f.a1Early()) {
                        passed++;
                        assertTrue(ThreeMaterialKernel.label(l, h, f) == Labels.NONE, p.name() + " " + th[0] + "/" + th[1] + ": " + l + "/" + h);
                    }
                }
            }
        }
        assertTrue(passed > points / 5, passed + " of " + points + " passed");
    }

    /**
     * With the default thresholds the early bounds reach past the soft-tissue vertex for every preset:
     * tissue 30 HU above the background at both energies, which is not at the vertex, passes them.
     */
    @Test
    void earlyBoundsPassTissueNearTheBackgroundForEveryPreset() {
        for (Preset p : Presets.all()) {
            ThreeMaterialKernel.Forms f = ThreeMaterialKernel.Forms.of(ThreeMaterialKernel.Triangle.of(p), 8, 30);
            float l = (float) p.background()[0] + 30;
            float h = (float) p.background()[1] + 30;
            assertTrue(f.a0().value(l, h) > f.a0Zero() || f.a1().value(l, h) > f.a1Zero(), p.name() + ": not at the vertex");
            assertTrue(f.a0().value(l, h) < f.a0Early() && f.a1().value(l, h) < f.a1Early(), p.name());
        }
    }

    /**
     * Two made-up presets where the early bounds cannot be shown to hold, so the kernel must test the
     * soft-tissue vertex alone: an obtuse angle at the soft-tissue vertex (HA lowers the high-kVp CT
     * number), and HA nearly at right angles to urate and faint at low kVp, so that the urate part of
     * the urate–HA edge projects back below the urate threshold. The second is caught by the edge's
     * condition only.
     */
    @Test
    void earlyBoundsFallBackToTheVertexWhereTheyCannotBeShown() {
        double[] urate = {5.7, 5.6};
        Preset obtuse = preset("obtuse", urate, new double[] {1.9, -3.0});
        Preset faintHa = preset("faint HA", urate, new double[] {0.01, -0.01});
        SplittableRandom r = new SplittableRandom(5);
        for (Preset p : new Preset[] {obtuse, faintHa}) {
            ThreeMaterialKernel.Forms f = ThreeMaterialKernel.Forms.of(ThreeMaterialKernel.Triangle.unchecked(p), 8, 30);
            assertEquals(Math.nextUp(f.a0Zero()), f.a0Early(), p.name());
            assertEquals(Math.nextUp(f.a1Zero()), f.a1Early(), p.name());
            for (int k = 0; k < 200_000; k++) {
                int l = r.nextInt(-1100, 3100);
                int h = r.nextInt(-1100, 2000);
                if (f.a0().value(l, h) < f.a0Early() && f.a1().value(l, h) < f.a1Early()) {
                    assertEquals(Labels.NONE, ThreeMaterialKernel.label(l, h, f), p.name() + ": " + l + "/" + h);
                }
            }
        }
    }

    /**
     * Labels by regions need an obtuse angle at the urate vertex, which every preset has (151–169°),
     * and thresholds within the vertices. Elsewhere the kernel labels by feature. Both must give the
     * nearest point's label on made-up presets with faint HA, where the angle is acute (4°), nearly
     * right (89.5°) or just obtuse (91.5°), and on the one with an obtuse soft-tissue angle above (66°
     * at urate).
     */
    @Test
    void labelsByRegionsOnlyWhereTheyHold() {
        for (Preset p : Presets.all()) {
            assertTrue(ThreeMaterialKernel.Forms.of(ThreeMaterialKernel.Triangle.of(p), 8, 30).byRegions(), p.name());
        }
        ThreeMaterialKernel.Triangle defaults = ThreeMaterialKernel.Triangle.of(Presets.P80_SN150);
        assertFalse(ThreeMaterialKernel.Forms.of(defaults, 101, 30).byRegions());
        assertFalse(ThreeMaterialKernel.Forms.of(defaults, 8, 1001).byRegions());
        // With urate at 5.7/5.6 HU per % the angle at urate is right where 570·HA_L + 560·HA_H = 638.5.
        double[] urate = {5.7, 5.6};
        Preset[] made = {preset("acute", urate, new double[] {0.5, 0.5}), preset("nearly right", urate, new double[] {0.5, 0.63}),
            preset("just obtuse", urate, new double[] {0.5, 0.635}), preset("obtuse soft-tissue angle", urate, new double[] {1.9, -3.0})};
        boolean[] byRegions = {false, false, true, false};
        SplittableRandom r = new SplittableRandom(3);
        for (int m = 0; m < made.length; m++) {
            ThreeMaterialKernel.Triangle t = ThreeMaterialKernel.Triangle.unchecked(made[m]);
            ThreeMaterialKernel.Forms f = ThreeMaterialKernel.Forms.of(t, 8, 30);
            assertEquals(byRegions[m], f.byRegions(), made[m].name());
            Reference ref = new Reference(t, 8, 30);
            int ties = 0;
            for (int k = 0; k < 100_000; k++) {
                int[] v = voxel(r, k);
                byte expected = ref.label(v[0], v[1]);
                if (ThreeMaterialKernel.label(v[0], v[1], f) != expected) {
                    assertTrue(ref.onBoundary(v[0], v[1]), made[m].name() + ": " + v[0] + "/" + v[1]);
                    ties++;
                }
            }
            assertTrue(ties <= 2, made[m].name() + ": " + ties + " ties");
        }
    }

    private static Preset preset(String name, double[] urate, double[] ha) {
        return new Preset(name, 80, 150, true, urate, ha, new double[] {0, 0}, new double[] {-15, -9}, new double[] {-126, -88}, new double[] {2025, 1040}, "test");
    }

    @Test
    void thresholdsMustBePositive() {
        ThreeMaterialKernel.Triangle t = ThreeMaterialKernel.Triangle.of(Presets.P80_SN150);
        assertThrows(IllegalArgumentException.class, () -> ThreeMaterialKernel.Forms.of(t, 0, 30));
        assertThrows(IllegalArgumentException.class, () -> ThreeMaterialKernel.Forms.of(t, 8, -1));
    }
}
