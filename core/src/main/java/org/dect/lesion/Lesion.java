package org.dect.lesion;

import org.dect.decompose.Labels;
import org.dect.volume.VoxelSet;

/**
 * One connected deposit as measured.
 *
 * @param material      {@link Labels#URATE}, {@link Labels#CALCIUM} or {@link Labels#INDETERMINATE}
 * @param voxels        voxels labelled
 * @param voxelVolumeMl voxels labelled times the voxel volume: the workstations' convention
 * @param volumeMl      the best estimate of the deposit's true volume, partial volume accounted for
 *                      ({@link DepositStatistics}); the voxel volume when the scan's noise is unknown
 * @param volumeSdMl    standard deviation of volumeMl from the scan's noise (NaN when unknown)
 * @param centroidMm    centre of the voxels in patient coordinates (LPS, mm)
 * @param boxMin        smallest voxel index (x, y, slice) of the deposit
 * @param boxMax        largest voxel index (x, y, slice)
 * @param meanLow       mean low-kVp HU of the voxels (before smoothing)
 * @param meanHigh      mean high-kVp HU
 * @param meanRatio     meanLow / meanHigh (the ratio of means: a voxel's own ratio is meaningless near 0 HU)
 * @param meanUrate     mean urate equivalent, % w/w, of the two-material basis
 * @param meanHa        mean hydroxyapatite equivalent, mg/cm³
 * @param detectionZ    how many SDs of noise the deposit stands above soft tissue (NaN when the noise is unknown)
 * @param materialZ         how many SDs it lies on its material's side of the urate/calcium boundary (NaN likewise)
 * @param voxelSet      its labelled voxels, for the outputs that draw one deposit (the SEG's per-deposit segments)
 */
public record Lesion(int id, byte material, long voxels, double voxelVolumeMl, double volumeMl, double volumeSdMl,
                     double[] centroidMm, int[] boxMin, int[] boxMax, double meanLow, double meanHigh, double meanRatio,
                     double meanUrate, double meanHa, double detectionZ, double materialZ, VoxelSet voxelSet) {

    public String materialName() {
        return Labels.name(material);
    }

    /** The 95 % interval of volumeMl from noise, [low, high], low not below 0; NaN when the noise is unknown. */
    public double[] volumeCi95Ml() {
        return Quantification.ci95(volumeMl, volumeSdMl);
    }
}
