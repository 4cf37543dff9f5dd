package org.dect.decompose;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The 2×2 basis of the two-material decomposition and its inverse:
 * [HU_L − B_L, HU_H − B_H]ᵀ = A·[u, c]ᵀ, A = [[U_L, C_L], [U_H, C_H]], with U the HU of 1 % w/w urate
 * and C the HU of 1 mg/cm³ hydroxyapatite at each spectrum, B the background. Solving it once gives
 * the four coefficients the kernels apply per voxel: [u, c]ᵀ = A⁻¹·[HU_L − B_L, HU_H − B_H]ᵀ.
 *
 * @param urateHuPerPercent U_L, low-kVp HU of 1 % w/w urate (to weigh each material's share of a voxel)
 * @param haHuPerMgCm3      C_L, low-kVp HU of 1 mg/cm³ HA
 */
public record TwoMaterialBasis(double i00, double i01, double i10, double i11, double backgroundLow,
                               double backgroundHigh, double urateHuPerPercent, double haHuPerMgCm3) {

    /**
     * The inverse of the preset's basis. The preset must pass {@link Preset#problem}: EJML's inversion of
     * a 2×2 matrix succeeds whatever it holds (a singular one gives infinities), so the check is the
     * preset's, where the user's calibration file is named.
     */
    public static TwoMaterialBasis of(Preset p) {
        String problem = p.problem();
        if (problem != null) {
            throw new IllegalArgumentException("preset " + p.name() + ": " + problem);
        }
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {
            {p.urateHuPerPercent()[0], p.haHuPerMgCm3()[0]},
            {p.urateHuPerPercent()[1], p.haHuPerMgCm3()[1]}});
        DMatrixRMaj inverse = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.invert(a, inverse);
        return new TwoMaterialBasis(inverse.get(0, 0), inverse.get(0, 1), inverse.get(1, 0), inverse.get(1, 1),
                p.background()[0], p.background()[1], p.urateHuPerPercent()[0], p.haHuPerMgCm3()[0]);
    }

    /** % w/w urate equivalent of a voxel. */
    public double urate(double low, double high) {
        return i00 * (low - backgroundLow) + i01 * (high - backgroundHigh);
    }

    /** mg/cm³ hydroxyapatite equivalent of a voxel. */
    public double ha(double low, double high) {
        return i10 * (low - backgroundLow) + i11 * (high - backgroundHigh);
    }

    /** Standard deviation of the urate amount for independent noise σ_L, σ_H on the two images. */
    public double urateNoise(double sigmaLow, double sigmaHigh) {
        return Math.hypot(i00 * sigmaLow, i01 * sigmaHigh);
    }

    /** Standard deviation of the HA amount for independent noise σ_L, σ_H. */
    public double haNoise(double sigmaLow, double sigmaHigh) {
        return Math.hypot(i10 * sigmaLow, i11 * sigmaHigh);
    }
}
