package org.dect.testdata;

import java.util.List;
import java.util.Locale;

import org.dect.ProgressListener;
import org.dect.decompose.Labels;
import org.dect.decompose.Preset;
import org.dect.decompose.Presets;
import org.dect.pipeline.Decomposition;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;

/**
 * Scores a decomposition against a phantom's ground truth: urate volume against the true volume, voxel
 * Dice of the urate mask against the true labels, the urate found where there is none, and whether the
 * reported interval holds the truth.
 *
 * @param trueUrateMl      the phantom's urate volume (sum of voxel fractions)
 * @param measuredUrateMl  the decomposition's urate volume (urate_volume_ml)
 * @param voxelUrateMl     its voxels labelled urate times the voxel volume (urate_voxel_volume_ml)
 * @param dice             2|A∩B| / (|A| + |B|) of measured and true urate voxels (NaN when both are empty)
 * @param falseUrateMl     urate volume measured in voxels that hold no urate in truth
 */
public record Accuracy(double trueUrateMl, double measuredUrateMl, double voxelUrateMl, double dice, double falseUrateMl,
                       double trueCalciumMl, DecompositionResult result) {

    public double volumeError() {
        return (measuredUrateMl - trueUrateMl) / trueUrateMl;
    }

    /** The error the workstations' convention, voxels labelled, would have. */
    public double voxelVolumeError() {
        return (voxelUrateMl - trueUrateMl) / trueUrateMl;
    }

    public double calciumError() {
        return (result.quantification().calciumVolumeMl() - trueCalciumMl) / trueCalciumMl;
    }

    /** The reported 95 % interval of the urate volume, [low, high] (NaN without a noise model). */
    public double[] interval() {
        return result.quantification().urate().ci95();
    }

    /** Whether the interval holds the true volume. */
    public boolean intervalHoldsTruth() {
        double[] i = interval();
        return i[0] <= trueUrateMl && trueUrateMl <= i[1];
    }

    /** The preset the software would choose for the phantom's pair. */
    public static Preset presetFor(KvpPair pair) {
        return Presets.choose(pair.lowKvp, pair.highKvp, pair.tinHigh).preset();
    }

    public static Accuracy of(Phantom phantom, DecompositionOptions options) {
        return of(phantom, presetFor(phantom.spec().pair()), options);
    }

    public static Accuracy of(Phantom phantom, Preset preset, DecompositionOptions options) {
        DecompositionResult r = Decomposition.run(phantom.low(), phantom.high(), preset, options, List.of(), ProgressListener.NONE);
        byte[][] truth = phantom.truth().labels();
        long both = 0;
        long measured = 0;
        long expected = 0;
        long falseVoxels = 0;
        for (int z = 0; z < truth.length; z++) {
            for (int i = 0; i < truth[z].length; i++) {
                boolean m = r.labels()[z][i] == Labels.URATE;
                boolean t = truth[z][i] == Phantom.URATE;
                both += m && t ? 1 : 0;
                measured += m ? 1 : 0;
                expected += t ? 1 : 0;
                falseVoxels += m && !t && !nearUrate(truth, z, i, phantom.low().geometry().columns()) ? 1 : 0;
            }
        }
        double voxelMl = phantom.low().geometry().voxelVolumeMm3() / 1000;
        double dice = measured + expected == 0 ? Double.NaN : 2.0 * both / (measured + expected);
        return new Accuracy(phantom.truth().urateVolumeMl(), r.quantification().urateVolumeMl(), r.quantification().urate().voxelVolumeMl(),
                dice, falseVoxels * voxelMl, phantom.truth().calciumVolumeMl(), r);
    }

    /**
     * The phantom as a scanner reading {@code lowFactor}, {@code highFactor} times its CT numbers would
     * show it, storing nothing below −1024 as scanners do (a scanner reading 5 % high shows air cut off
     * at its floor, and the gain cannot be read from it).
     */
    public static Phantom shifted(Phantom p, double lowFactor, double highFactor) {
        if (lowFactor == 1 && highFactor == 1) {
            return p;
        }
        return new Phantom(p.spec(), scaled(p.low(), lowFactor), scaled(p.high(), highFactor), p.truth());
    }

    private static org.dect.volume.HuVolume scaled(org.dect.volume.HuVolume v, double factor) {
        short[][] out = new short[v.slices().length][];
        for (int z = 0; z < out.length; z++) {
            short[] s = v.slices()[z];
            short[] o = new short[s.length];
            for (int i = 0; i < s.length; i++) {
                o[i] = (short) Math.max(PhantomGenerator.MIN_HU, Math.round(s[i] * factor));
            }
            out[z] = o;
        }
        return new org.dect.volume.HuVolume(v.geometry(), out);
    }

    /** A voxel next to a true urate voxel is a boundary disagreement, not a false finding. */
    private static boolean nearUrate(byte[][] truth, int z, int i, int columns) {
        int x = i % columns;
        int rows = truth[z].length / columns;
        int y = i / columns;
        for (int dz = -1; dz <= 1; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int zz = z + dz;
                    int yy = y + dy;
                    int xx = x + dx;
                    if (zz >= 0 && zz < truth.length && yy >= 0 && yy < rows && xx >= 0 && xx < columns
                            && truth[zz][yy * columns + xx] == Phantom.URATE) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        double[] i = interval();
        return String.format(Locale.ROOT, "urate %.4f mL [%.4f, %.4f] (truth %.4f, %+.1f %%; voxels %.4f), Dice %.3f, false urate %.4f mL, "
                + "indeterminate %.4f mL, calcium %.3f mL (truth %.3f)", measuredUrateMl, i[0], i[1], trueUrateMl,
                trueUrateMl == 0 ? 0 : 100 * volumeError(), voxelUrateMl, dice, falseUrateMl,
                result.quantification().indeterminateVolumeMl(), result.quantification().calciumVolumeMl(), trueCalciumMl);
    }

    /**
     * How the phantom's CT numbers are put off the preset's to play a scanner it was not made for: as
     * is, 5 % lower at both energies, 5 % higher at both, and 5 % apart in opposite directions (which
     * moves every dual-energy ratio by 10 %).
     */
    public static final double[][] SHIFTS = {{1, 1}, {0.95, 0.95}, {1.05, 1.05}, {1.05, 0.95}, {0.95, 1.05}};
}
