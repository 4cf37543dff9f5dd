package org.dect.lesion;

import java.util.List;

/**
 * The measured burden: urate and calcium volumes, the deposits between the two, bone apart, and every
 * deposit. The report serialises it with top-level names {@code urate_volume_ml} and
 * {@code calcium_volume_ml}. Bone is calcium too, but not a deposit: its volume is counted apart and in
 * neither total.
 *
 * @param indeterminateVolumeMl deposits the noise leaves between urate and calcium, in neither total
 * @param detectionLimit        the smallest urate deposit this scan's noise lets the test find
 * @param noiseClusters         labelled clusters dropped as noise by the deposit test, or as the blur of a bone's edge ({@link BoneEdge})
 */
public record Quantification(Burden urate, Burden calcium, double indeterminateVolumeMl, double boneVolumeMl,
                             List<Lesion> lesions, DetectionLimit detectionLimit, long noiseClusters) {

    /** z of the two-sided 95 % interval. */
    static final double Z95 = 1.959964;

    /**
     * One material's total.
     *
     * @param volumeMl      sum of the deposits' partial-volume-corrected volumes
     * @param voxelVolumeMl voxels labelled times the voxel volume
     * @param sdMl          SD of volumeMl from noise, deposits independent (NaN when the noise is unknown)
     */
    public record Burden(double volumeMl, double voxelVolumeMl, double sdMl) {

        public static final Burden NONE = new Burden(0, 0, 0);

        public double[] ci95() {
            return Quantification.ci95(volumeMl, sdMl);
        }
    }

    /** A result without deposits and without a noise measurement, for tests and empty scans. */
    public static Quantification empty() {
        return new Quantification(Burden.NONE, Burden.NONE, 0, 0, List.of(), DetectionLimit.UNKNOWN, 0);
    }

    public double urateVolumeMl() {
        return urate.volumeMl();
    }

    public double calciumVolumeMl() {
        return calcium.volumeMl();
    }

    public long count(byte material) {
        return lesions.stream().filter(l -> l.material() == material).count();
    }

    static double[] ci95(double value, double sd) {
        if (Double.isNaN(sd)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {Math.max(0, value - Z95 * sd), value + Z95 * sd};
    }
}
