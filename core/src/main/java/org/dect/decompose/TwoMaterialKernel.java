package org.dect.decompose;

/**
 * Two-material decomposition in the image domain (physics.md, "Decomposition algebra"): per voxel
 * [u, c]ᵀ = A⁻¹·[HU_L − B_L, HU_H − B_H]ᵀ with the coefficients of {@link TwoMaterialBasis}, u in % w/w
 * urate, c in mg/cm³ hydroxyapatite. A voxel is calcium when c ≥ {@code minHa}, else urate when
 * u ≥ {@code minUrate}, else nothing: calcium first, since a calcified voxel with noise can show a
 * positive urate amount, but urate never shows a large HA amount.
 */
public final class TwoMaterialKernel {

    private TwoMaterialKernel() { }

    /** Labels voxels [0, n) of one slice; thresholds in % w/w and mg/cm³. */
    public static void classify(short[] low, short[] high, byte[] labels, int n, TwoMaterialBasis basis,
                                float minUrate, float minHa) {
        float i00 = (float) basis.i00();
        float i01 = (float) basis.i01();
        float i10 = (float) basis.i10();
        float i11 = (float) basis.i11();
        float bl = (float) basis.backgroundLow();
        float bh = (float) basis.backgroundHigh();
        float urateLow = (float) basis.urateHuPerPercent();
        float haLow = (float) basis.haHuPerMgCm3();
        for (int i = 0; i < n; i++) {
            float l = low[i] - bl;
            float h = high[i] - bh;
            float u = i00 * l + i01 * h;
            float c = i10 * l + i11 * h;
            labels[i] = label(u, c, u * urateLow, c * haLow, minUrate, minHa);
        }
    }

    /** The decision shared with the three-material kernel; {@code uHu}, {@code cHu}: low-kVp HU each material contributes. */
    static byte label(float u, float c, float uHu, float cHu, float minUrate, float minHa) {
        if (cHu >= uHu) {
            return c >= minHa ? Labels.CALCIUM : Labels.NONE;
        }
        return u >= minUrate && c > -2 * minHa ? Labels.URATE : Labels.NONE;
    }

    /** Amounts of voxels [0, n): urate % w/w into {@code urate}, HA mg/cm³ into {@code ha}. */
    public static void amounts(short[] low, short[] high, float[] urate, float[] ha, int n, TwoMaterialBasis basis) {
        float i00 = (float) basis.i00();
        float i01 = (float) basis.i01();
        float i10 = (float) basis.i10();
        float i11 = (float) basis.i11();
        float bl = (float) basis.backgroundLow();
        float bh = (float) basis.backgroundHigh();
        for (int i = 0; i < n; i++) {
            float l = low[i] - bl;
            float h = high[i] - bh;
            urate[i] = i00 * l + i01 * h;
            ha[i] = i10 * l + i11 * h;
        }
    }
}
