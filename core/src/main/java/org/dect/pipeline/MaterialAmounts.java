package org.dect.pipeline;

import org.dect.decompose.TwoMaterialBasis;
import org.dect.decompose.TwoMaterialKernel;
import org.dect.study.DualEnergyVolumes;

/**
 * The two-material amounts of one slice, as the maps show them (DICOM and NIfTI): of the unsmoothed
 * images, whatever method labelled the voxels, since a map shows what the scan says; and 0 in air
 * (below {@value #AIR_BELOW_HU} HU at low kVp), whose amounts, about −200 % w/w, mean nothing and
 * threw every viewer's automatic window.
 */
final class MaterialAmounts {

    static final int AIR_BELOW_HU = -500;

    private MaterialAmounts() { }

    /** Slice z's urate (% w/w) or HA (mg/cm³) per voxel, x fastest. */
    static float[] of(DualEnergyVolumes volumes, TwoMaterialBasis basis, int z, boolean urate) {
        short[] low = volumes.low().slices()[z];
        float[] u = new float[low.length];
        float[] c = new float[low.length];
        TwoMaterialKernel.amounts(low, volumes.high().slices()[z], u, c, low.length, basis);
        float[] amount = urate ? u : c;
        for (int i = 0; i < low.length; i++) {
            amount[i] = low[i] < AIR_BELOW_HU ? 0 : amount[i];
        }
        return amount;
    }
}
