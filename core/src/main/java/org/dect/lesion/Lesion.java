package org.dect.lesion;

/**
 * One connected deposit as measured.
 *
 * @param material   {@link org.dect.decompose.Labels#URATE} or {@link org.dect.decompose.Labels#CALCIUM}
 * @param centroidMm centre of the voxels in patient coordinates (LPS, mm)
 * @param boxMin     smallest voxel index (x, y, slice) of the deposit
 * @param boxMax     largest voxel index (x, y, slice)
 * @param meanLow    mean low-kVp HU of the voxels (before smoothing)
 * @param meanHigh   mean high-kVp HU
 * @param meanRatio  meanLow / meanHigh (the ratio of means: a voxel's own ratio is meaningless near 0 HU)
 * @param meanUrate  mean urate equivalent, % w/w, of the two-material basis
 * @param meanHa     mean hydroxyapatite equivalent, mg/cm³
 */
public record Lesion(int id, byte material, long voxels, double volumeMl, double[] centroidMm, int[] boxMin, int[] boxMax,
                     double meanLow, double meanHigh, double meanRatio, double meanUrate, double meanHa) {

    public String materialName() {
        return material == org.dect.decompose.Labels.URATE ? "urate" : "calcium";
    }
}
