package org.dect.decompose;

import org.dect.Bytes;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Three-material decomposition into urate, hydroxyapatite and soft tissue with volume conservation
 * (Liu et al., Med Phys 2009; Mendonça et al.): solve [[U_L C_L S_L], [U_H C_H S_H], [1 1 1]]·f =
 * [HU_L, HU_H, 1] for the fractions f, and send points outside the material triangle to its nearest
 * point, so that no fraction is negative. The vertices are the background (soft tissue), 100 % w/w
 * urate and 1000 mg/cm³ HA, extrapolated along the preset's basis; amounts are u = 100·f_U % w/w and
 * c = 1000·f_C mg/cm³, classified by the two-material rule ({@link TwoMaterialKernel#label}) with the
 * same thresholds, which must be above 0.
 * <p>
 * The label is computed without the fractions. Every quantity it depends on is a linear form in
 * (HU_L, HU_H): the three barycentric coordinates, the position along each edge of a point's
 * perpendicular foot, and the rule's dominance test. For any triangle, which feature of it is nearest
 * (a vertex, an edge, or the inside) follows from signs of these forms in the order of Ericson's
 * closest-point test (Real-Time Collision Detection, 2005, §5.1.5), and on each feature the rule
 * becomes a threshold on one form (two inside): {@link #labelByFeature}. Where the angle at the
 * urate vertex is obtuse, as in every preset, each label's set of points is bounded by a few lines
 * and needs no feature at all: {@link #labelByRegions}, a third of the comparisons. Either way the
 * kernel needs at most seven multiply-adds in single precision and no division, and gives the label
 * of the nearest point computed in double precision except on a decision boundary itself, where
 * rounding decides (ThreeMaterialKernelTest).
 */
public final class ThreeMaterialKernel {

    static final double URATE_VERTEX_PERCENT = 100;
    static final double HA_VERTEX_MG_CM3 = 1000;

    /** Precomputed inverse of the 3×3 system and the triangle's vertices in the (HU_L, HU_H) plane. */
    public record Triangle(double[] inverse, double[] urate, double[] ha, double[] soft, double urateHuPerPercent,
                           double haHuPerMgCm3) {

        /** The preset must pass {@link Preset#problem}, which makes the three vertices a triangle (EJML's 3×3 inverse checks nothing). */
        public static Triangle of(Preset p) {
            String problem = p.problem();
            if (problem != null) {
                throw new IllegalArgumentException("preset " + p.name() + ": " + problem);
            }
            return unchecked(p);
        }

        /**
         * The triangle of any preset whose three vertices are not collinear, physical or not: the kernel
         * labels by the nearest point of whatever triangle it is given, and its tests check that on
         * made-up triangles no preset passing {@link Preset#problem} would give.
         */
        static Triangle unchecked(Preset p) {
            double[] s = p.background();
            double[] u = {s[0] + URATE_VERTEX_PERCENT * p.urateHuPerPercent()[0], s[1] + URATE_VERTEX_PERCENT * p.urateHuPerPercent()[1]};
            double[] c = {s[0] + HA_VERTEX_MG_CM3 * p.haHuPerMgCm3()[0], s[1] + HA_VERTEX_MG_CM3 * p.haHuPerMgCm3()[1]};
            DMatrixRMaj m = new DMatrixRMaj(new double[][] {{u[0], c[0], s[0]}, {u[1], c[1], s[1]}, {1, 1, 1}});
            DMatrixRMaj inv = new DMatrixRMaj(3, 3);
            CommonOps_DDRM.invert(m, inv);
            return new Triangle(inv.getData().clone(), u, c, s, p.urateHuPerPercent()[0], p.haHuPerMgCm3()[0]);
        }
    }

    private ThreeMaterialKernel() { }

    /** Labels voxels [0, n) of one slice with the two-material thresholds applied to the fractions. */
    public static void classify(short[] low, short[] high, byte[] labels, int n, Triangle t, float minUrate, float minHa) {
        classify(low, high, labels, n, null, t, minUrate, minHa);
    }

    /** As above, only for the voxels where {@code candidate} is not 0 (null: all); the others get NONE. */
    public static void classify(short[] low, short[] high, byte[] labels, int n, byte[] candidate, Triangle t,
                                float minUrate, float minHa) {
        Forms f = Forms.of(t, minUrate, minHa);
        int done = Simd.ENABLED ? VectorKernels.threeMaterial(low, high, labels, n, candidate, f) : 0;
        classifyScalar(low, high, labels, done, n, candidate, f);
    }

    /**
     * A linear form l·HU_L + h·HU_H in single precision. Its constant term is not added per voxel but
     * taken off each threshold it is compared with ({@link #at}).
     */
    record Form(float l, float h, double offset) {

        /** The form of a·HU_L + b·HU_H + o. */
        static Form of(double a, double b, double o) {
            return new Form((float) a, (float) b, o);
        }

        /**
         * The form without its constant at one voxel: the high-kVp product rounded, then the low-kVp one
         * added to it in a single rounding (a fused multiply-add, as the SIMD kernel computes it).
         */
        float value(float low, float high) {
            return Math.fma(low, l, high * h);
        }

        /** What the form without its constant is compared with, for the full form to be compared with {@code value}. */
        float at(double value) {
            return (float) (value - offset);
        }
    }

    /**
     * The forms and their thresholds. Names: {@code a0, a1, a2} the position of the foot along the edges
     * soft→urate, soft→HA and urate→HA (0 at the first vertex, 1 at the second); {@code u, c} the
     * amounts inside; {@code s} the soft-tissue fraction (negative beyond the urate–HA edge); {@code d}
     * the rule's dominance, c·C_L − u·U_L (calcium when ≥ 0). {@code a0Early, a1Early}: a voxel with
     * a0 and a1 below both is NONE ({@link #earlyNoneHolds}), which both kernels test first; where that
     * cannot be shown for a preset and thresholds, they bound the soft-tissue vertex alone.
     * {@code byRegions}: the kernels may use {@link #labelByRegions} instead of the chain of features.
     */
    record Forms(Form u, Form c, Form s, Form d, Form a0, Form a1, Form a2,
                 float uZero, float uMin, float cZero, float cMin, float sZero, float dZero,
                 float a0Zero, float a0One, float a0Min, float a1Zero, float a1One, float a1Min,
                 float a2Zero, float a2One, float a2Dominant, float a2HaMin, float a2UrateMax,
                 byte urateVertex, byte haVertex, float a0Early, float a1Early, boolean byRegions) {

        static Forms of(Triangle t, float minUrate, float minHa) {
            if (!(minUrate > 0 && minHa > 0)) {
                throw new IllegalArgumentException("three-material thresholds must be positive: urate " + minUrate + " % w/w, HA " + minHa + " mg/cm³");
            }
            double[] m = t.inverse();
            double ul = t.urateHuPerPercent();
            double cl = t.haHuPerMgCm3();
            double[] uf = {URATE_VERTEX_PERCENT * m[0], URATE_VERTEX_PERCENT * m[1], URATE_VERTEX_PERCENT * m[2]};
            double[] cf = {HA_VERTEX_MG_CM3 * m[3], HA_VERTEX_MG_CM3 * m[4], HA_VERTEX_MG_CM3 * m[5]};
            Form u = Form.of(uf[0], uf[1], uf[2]);
            Form c = Form.of(cf[0], cf[1], cf[2]);
            Form d = Form.of(cl * cf[0] - ul * uf[0], cl * cf[1] - ul * uf[1], cl * cf[2] - ul * uf[2]);
            // On the urate–HA edge at position a: u = 100·(1 − a), c = 1000·a; calcium dominates from here.
            double dominant = URATE_VERTEX_PERCENT * ul / (HA_VERTEX_MG_CM3 * cl + URATE_VERTEX_PERCENT * ul);
            Form a0 = along(t.soft(), t.urate());
            Form a1 = along(t.soft(), t.ha());
            Form a2 = along(t.urate(), t.ha());
            Form soft = Form.of(m[6], m[7], m[8]);
            double urateShare = minUrate / URATE_VERTEX_PERCENT;
            double haShare = minHa / HA_VERTEX_MG_CM3;
            boolean early = earlyNoneHolds(t, urateShare, haShare, dominant);
            return new Forms(u, c, soft, d, a0, a1, a2,
                    u.at(0), u.at(minUrate), c.at(0), c.at(minHa), soft.at(0), d.at(0),
                    a0.at(0), a0.at(1), a0.at(urateShare), a1.at(0), a1.at(1), a1.at(haShare),
                    a2.at(0), a2.at(1), a2.at(dominant), a2.at(haShare), a2.at(1 - urateShare),
                    minUrate <= URATE_VERTEX_PERCENT ? Labels.URATE : Labels.NONE,
                    minHa <= HA_VERTEX_MG_CM3 ? Labels.CALCIUM : Labels.NONE,
                    early ? a0.at(urateShare - EARLY_MARGIN) : Math.nextUp(a0.at(0)),
                    early ? a1.at(haShare - EARLY_MARGIN) : Math.nextUp(a1.at(0)),
                    regionsHold(t, urateShare, haShare));
        }

        /**
         * Whether {@link #labelByRegions} gives the nearest point's label: where the triangle's angle at
         * the urate vertex is obtuse (so the other two are acute), as in every preset (151–169°), and no
         * threshold is beyond its vertex.
         */
        private static boolean regionsHold(Triangle t, double urateShare, double haShare) {
            return dot(difference(t.soft(), t.urate()), difference(t.ha(), t.urate())) < 0 && urateShare <= 1 && haShare <= 1;
        }

        /**
         * Whether a0 &lt; minUrate/100 and a1 &lt; minHa/1000 (each less a margin) imply NONE. Urate
         * needs u ≥ minUrate inside, a0 ≥ minUrate/100 on the soft–urate edge, the urate vertex, or the
         * part of the urate–HA edge below both the dominance point and 1 − minUrate/100; calcium the
         * same with c, a1 and the upper part of that edge. Inside, a0 = u/100 + c·k and a1 = c/1000 +
         * u·k with k ∝ (U − S)·(C − S), so an acute angle at the soft vertex makes a0 ≥ u/100 and a1 ≥
         * c/1000 there. Beyond the urate–HA edge a0 and a1 only grow outwards, so it is enough that they
         * are past the thresholds at the ends of those parts of the edge. The margin (10⁻³ of an edge, 1–2 HU)
         * dwarfs single-precision error, so rounding cannot make a voxel both pass and take a label.
         */
        private static boolean earlyNoneHolds(Triangle t, double urateShare, double haShare, double dominant) {
            double[] su = difference(t.urate(), t.soft());
            double[] sc = difference(t.ha(), t.soft());
            double[] uc = difference(t.ha(), t.urate());
            double a1AtUrate = dot(su, sc) / dot(sc, sc);
            double urateEnd = Math.min(dominant, 1 - urateShare);  // urate on the urate–HA edge up to here
            double haStart = Math.max(dominant, haShare);           // calcium from here
            double a0AtUrateEnd = 1 + urateEnd * dot(uc, su) / dot(su, su);
            double a1AtHaStart = a1AtUrate + haStart * (1 - a1AtUrate);
            return dot(su, sc) >= 0 && urateShare > EARLY_MARGIN && haShare > EARLY_MARGIN
                    && urateShare + EARLY_MARGIN <= 1 && haShare + EARLY_MARGIN <= 1
                    && (urateEnd < 0 || Math.min(1, a0AtUrateEnd) >= urateShare + EARLY_MARGIN)
                    && (haStart > 1 || Math.min(1, a1AtHaStart) >= haShare + EARLY_MARGIN);
        }

        private static double[] difference(double[] q, double[] p) {
            return new double[] {q[0] - p[0], q[1] - p[1]};
        }

        private static double dot(double[] a, double[] b) {
            return a[0] * b[0] + a[1] * b[1];
        }

        /** Position of the foot of the perpendicular on the edge from p to q: (x − p)·(q − p) / |q − p|². */
        private static Form along(double[] p, double[] q) {
            double dx = q[0] - p[0];
            double dy = q[1] - p[1];
            double square = dx * dx + dy * dy;
            return Form.of(dx / square, dy / square, -(p[0] * dx + p[1] * dy) / square);
        }
    }

    /** A margin on the feet's positions (1–2 HU) far beyond single-precision error. */
    static final double EARLY_MARGIN = 1e-3;

    /** Voxels [from, n) one at a time; the SIMD kernel leaves it the tail. */
    static void classifyScalar(short[] low, short[] high, byte[] labels, int from, int n, byte[] candidate, Forms f) {
        if (candidate != null) {
            Bytes.clear(labels, from, n); // NONE
        }
        // With a mask, jump from candidate to candidate: about three voxels in a hundred of a wrist scan.
        int i = candidate == null ? from : Bytes.nextNonZero(candidate, from);
        while (i < n) {
            labels[i] = label(low[i], high[i], f);
            i = candidate == null ? i + 1 : Bytes.nextNonZero(candidate, i + 1);
        }
    }

    /** The label of one voxel. */
    static byte label(float l, float h, Forms f) {
        float a0 = f.a0().value(l, h);
        float a1 = f.a1().value(l, h);
        if (a0 < f.a0Early() && a1 < f.a1Early()) {
            return Labels.NONE;         // the soft-tissue vertex, and where it is shown to be safe, the tissue near it
        }
        return f.byRegions() ? labelByRegions(l, h, a0, a1, f) : labelByFeature(l, h, a0, a1, f);
    }

    /**
     * The label as a point's nearest point q on the triangle gets it: urate where u(q) ≥ minUrate and
     * the urate part dominates at q, calcium where c(q) ≥ minHa and it does not. When the angle at the
     * urate vertex is obtuse ({@code Forms.byRegions}), the points where the urate part dominates at q
     * and those where u(q) ≥ minUrate are convex sets, and those where c(q) ≥ minHa the union of two;
     * so each is given by conditions on forms of the point itself, with no need to know which feature q
     * is on:
     * <ul>
     * <li>the urate part dominates at q: d &lt; 0, a2 below the dominance point, a0 &gt; 0 (bounded by
     * the line from the soft vertex to the dominance point on the urate–HA edge, and the
     * perpendiculars to the two edges at its ends). a0 &gt; 0 is not tested: where d &lt; 0 and a0 ≤ 0,
     * a1 &lt; 0 too (the soft-tissue vertex's region), and a0 ≥ minUrate/100 below makes it NONE;
     * <li>u(q) ≥ minUrate: u ≥ minUrate, a0 ≥ minUrate/100, a2 ≤ 1 − minUrate/100 (the line of that
     * amount in the triangle, and the perpendiculars at its ends);
     * <li>c(q) ≥ minHa: c ≥ minHa and a1 ≥ minHa/1000 (inside, and beyond the soft–HA edge), or beyond
     * the urate–HA edge (s ≤ 0) with a2 past minHa/1000 of the edge. Points beyond that edge but short
     * of it have c &lt; minHa because the obtuse angle turns the edge's outward normal towards lower c.
     * </ul>
     * ThreeMaterialKernelTest checks that these are the labels of the nearest point.
     */
    static byte labelByRegions(float l, float h, float a0, float a1, Forms f) {
        float a2 = f.a2().value(l, h);
        if (a2 < f.a2Dominant() && f.d().value(l, h) < f.dZero()) {
            return a0 >= f.a0Min() && a2 <= f.a2UrateMax() && f.u().value(l, h) >= f.uMin() ? Labels.URATE : Labels.NONE;
        }
        boolean haInOrBeyondSoftHaEdge = a1 >= f.a1Min() && f.c().value(l, h) >= f.cMin();
        boolean haBeyondUrateHaEdge = a2 >= f.a2HaMin() && f.s().value(l, h) <= f.sZero();
        return haInOrBeyondSoftHaEdge || haBeyondUrateHaEdge ? Labels.CALCIUM : Labels.NONE;
    }

    /** The label by the nearest feature of the triangle (Ericson's order), then its threshold: any triangle. */
    static byte labelByFeature(float l, float h, float a0, float a1, Forms f) {
        float a2 = f.a2().value(l, h);
        if (a0 >= f.a0One() && a2 <= f.a2Zero()) {
            return f.urateVertex();
        }
        float c = f.c().value(l, h);
        if (c <= f.cZero() && a0 >= f.a0Zero() && a0 <= f.a0One()) {
            return a0 >= f.a0Min() ? Labels.URATE : Labels.NONE;             // soft–urate edge: c = 0
        }
        if (a1 >= f.a1One() && a2 >= f.a2One()) {
            return f.haVertex();
        }
        float u = f.u().value(l, h);
        if (u <= f.uZero() && a1 >= f.a1Zero() && a1 <= f.a1One()) {
            return a1 >= f.a1Min() ? Labels.CALCIUM : Labels.NONE;           // soft–HA edge: u = 0
        }
        float s = f.s().value(l, h);
        if (s <= f.sZero() && a2 >= f.a2Zero() && a2 <= f.a2One()) {       // urate–HA edge
            if (a2 >= f.a2Dominant()) {
                return a2 >= f.a2HaMin() ? Labels.CALCIUM : Labels.NONE;
            }
            return a2 <= f.a2UrateMax() ? Labels.URATE : Labels.NONE;
        }
        float d = f.d().value(l, h);                                        // inside
        if (d >= f.dZero()) {
            return c >= f.cMin() ? Labels.CALCIUM : Labels.NONE;
        }
        return u >= f.uMin() ? Labels.URATE : Labels.NONE;
    }
}
