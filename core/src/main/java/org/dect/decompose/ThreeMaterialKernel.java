package org.dect.decompose;

import org.dect.Bytes;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Three-material decomposition into urate, hydroxyapatite and soft tissue with volume conservation
 * (Liu et al., Med Phys 2009; Mendonça et al.): solve [[U_L C_L S_L], [U_H C_H S_H], [1 1 1]]·f =
 * [HU_L, HU_H, 1] for the fractions f, and project points outside the material triangle onto its
 * nearest edge, so that no fraction is negative. The vertices are the background (soft tissue), 100 %
 * w/w urate and 1000 mg/cm³ HA, extrapolated along the preset's basis; amounts are reported like the
 * two-material method's (u = 100·f_U % w/w, c = 1000·f_C mg/cm³) and classified by the same rule
 * ({@link TwoMaterialKernel#label}).
 */
public final class ThreeMaterialKernel {

    static final double URATE_VERTEX_PERCENT = 100;
    static final double HA_VERTEX_MG_CM3 = 1000;

    /** Precomputed inverse of the 3×3 system and the triangle's vertices in the (HU_L, HU_H) plane. */
    public record Triangle(double[] inverse, double[] urate, double[] ha, double[] soft, double urateHuPerPercent,
                           double haHuPerMgCm3) {

        public static Triangle of(Preset p) {
            double[] s = p.background();
            double[] u = {s[0] + URATE_VERTEX_PERCENT * p.urateHuPerPercent()[0], s[1] + URATE_VERTEX_PERCENT * p.urateHuPerPercent()[1]};
            double[] c = {s[0] + HA_VERTEX_MG_CM3 * p.haHuPerMgCm3()[0], s[1] + HA_VERTEX_MG_CM3 * p.haHuPerMgCm3()[1]};
            DMatrixRMaj m = new DMatrixRMaj(new double[][] {{u[0], c[0], s[0]}, {u[1], c[1], s[1]}, {1, 1, 1}});
            DMatrixRMaj inv = new DMatrixRMaj(3, 3);
            if (!CommonOps_DDRM.invert(m, inv)) {
                throw new IllegalArgumentException("preset " + p.name() + ": the three materials are collinear");
            }
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
        double[] f = new double[3];
        float uHu = (float) t.urateHuPerPercent();
        float cHu = (float) t.haHuPerMgCm3();
        if (candidate != null) {
            Bytes.clear(labels, 0, n); // NONE
        }
        // With a mask, jump from candidate to candidate: about three voxels in a hundred of a wrist scan.
        int i = candidate == null ? 0 : Bytes.nextNonZero(candidate, 0);
        while (i < n) {
            fractions(low[i], high[i], t, f);
            float u = (float) (URATE_VERTEX_PERCENT * f[0]);
            float c = (float) (HA_VERTEX_MG_CM3 * f[1]);
            labels[i] = TwoMaterialKernel.label(u, c, u * uHu, c * cHu, minUrate, minHa);
            i = candidate == null ? i + 1 : Bytes.nextNonZero(candidate, i + 1);
        }
    }

    /** Fractions [urate, HA, soft tissue] of one voxel, inside the triangle or on its nearest edge. */
    static void fractions(double low, double high, Triangle t, double[] f) {
        double[] m = t.inverse();
        f[0] = m[0] * low + m[1] * high + m[2];
        f[1] = m[3] * low + m[4] * high + m[5];
        f[2] = m[6] * low + m[7] * high + m[8];
        if (f[0] >= 0 && f[1] >= 0 && f[2] >= 0) {
            return;
        }
        // Outside: the nearest point on the three edges (soft–urate, soft–HA, urate–HA), as the fraction
        // along that edge. The ends are picked, not put in arrays: the quick JIT would allocate those per voxel.
        double best = Double.MAX_VALUE;
        for (int e = 0; e < 3; e++) {
            double[] p = e == 2 ? t.urate() : t.soft();
            double[] q = e == 0 ? t.urate() : t.ha();
            double dx = q[0] - p[0];
            double dy = q[1] - p[1];
            double along = ((low - p[0]) * dx + (high - p[1]) * dy) / (dx * dx + dy * dy);
            along = Math.max(0, Math.min(1, along));
            double ex = p[0] + along * dx - low;
            double ey = p[1] + along * dy - high;
            double d = ex * ex + ey * ey;
            if (d < best) {
                best = d;
                if (e == 0) {
                    f[0] = along;
                    f[1] = 0;
                } else if (e == 1) {
                    f[0] = 0;
                    f[1] = along;
                } else {
                    f[0] = 1 - along;
                    f[1] = along;
                }
                f[2] = 1 - f[0] - f[1];
            }
        }
    }
}
