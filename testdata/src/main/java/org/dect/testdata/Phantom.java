package org.dect.testdata;

import java.util.List;

import org.dect.volume.HuVolume;

/**
 * A simulated dual-energy scan of an extremity and what is truly in it.
 *
 * @param low  the low-kVp image, noise included
 * @param high the high-kVp image on the same grid
 */
public record Phantom(PhantomSpec spec, HuVolume low, HuVolume high, GroundTruth truth) {

    /** Label values of {@link GroundTruth#labels()}. */
    public static final byte NONE = 0;
    public static final byte URATE = 1;
    public static final byte CALCIUM = 2;

    /**
     * @param urateVolumeMl   urate deposit volume, counting each voxel by the fraction of it inside a deposit
     * @param calciumVolumeMl the same for calcium deposits
     * @param labels          per slice, x fastest: {@link #URATE} or {@link #CALCIUM} where a voxel is at least half deposit
     */
    public record GroundTruth(double urateVolumeMl, double calciumVolumeMl, byte[][] labels, List<LesionTruth> lesions) { }

    /**
     * @param analyticMl  the deposit's ellipsoid volume, 4/3·π·abc (larger than voxelisedMl when the scan clips it)
     * @param voxelisedMl the deposit as the scan sees it: the sum of voxel fractions inside it
     * @param meanHu      [low, high] noise-free CT number of the deposit material
     */
    public record LesionTruth(Lesion lesion, double analyticMl, double voxelisedMl, double[] meanHu) { }
}
