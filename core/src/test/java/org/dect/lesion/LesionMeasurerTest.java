package org.dect.lesion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dect.ProgressListener;
import org.dect.decompose.Labels;
import org.dect.decompose.Presets;
import org.dect.pipeline.Decomposition;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;
import org.dect.testing.NoisyScans;
import org.dect.volume.HuVolume;
import org.junit.jupiter.api.Test;

/**
 * The deposit test on scans of which everything is known: soft tissue in fat in air and noise, and
 * nothing else, must keep nothing; a tophus and a calcium nodule put in must be found as what they are.
 * The numbers of shared/docs/physics.md, 80/Sn150: soft tissue −15/−9, fat −126/−88, MSU 35 % w/w
 * 172/168 HU, HA 200 mg/cm³ 381/178 HU.
 */
class LesionMeasurerTest {

    private static final int N = 96;
    private static final int SLICES = 24;

    /** A limb 40 voxels (20 mm) in radius: soft tissue inside 34, fat to 40, air beyond. */
    private static double[] limb(int x, int y, double[] deposit, double[] at, double radiusVoxels) {
        double r = Math.hypot(x - N / 2.0, y - N / 2.0);
        if (deposit != null && Math.hypot(x - at[0], y - at[1]) <= radiusVoxels) {
            return deposit;
        }
        return r > 40 ? new double[] {-1000, -1000} : r > 34 ? new double[] {-126, -88} : new double[] {-15, -9};
    }

    private static DecompositionResult decompose(HuVolume[] v) {
        return Decomposition.run(v[0], v[1], Presets.P80_SN150, DecompositionOptions.defaults().withThreads(2), List.of(),
                ProgressListener.NONE);
    }

    /**
     * DecompositionOptions.LesionRules.DETECTION_Z: noise alone, at SDs from 20/12 to 45/27 HU, a hundred
     * scans of 24 slices in all, keeps no deposit of either material, nor any between them.
     */
    @Test
    void noiseAloneKeepsNothing() {
        double[][] noise = {{20, 12}, {30, 18}, {45, 27}};
        int scans = 0;
        long clusters = 0;
        for (long seed = 1; seed <= 34; seed++) {
            for (double[] sd : noise) {
                DecompositionResult r = decompose(NoisyScans.of(N, SLICES, sd[0], sd[1], 0, seed, (x, y) -> limb(x, y, null, null, 0)));
                Quantification q = r.quantification();
                assertEquals(0, q.lesions().size(), "noise " + sd[0] + "/" + sd[1] + ", seed " + seed + ": " + q.lesions());
                clusters += q.noiseClusters();
                scans++;
            }
        }
        // At the highest noise the labels pick hundreds of clusters: the test, not the labels, drops them.
        assertTrue(scans >= 100 && clusters > 300, scans + " scans, " + clusters + " labelled clusters dropped as noise");
    }

    /** A tophus of 35 % w/w 2.5 mm across through every slice, at noise 30/18: urate, and its volume. */
    @Test
    void aTophusAndACalciumNoduleAreFoundAsWhatTheyAre() {
        double[] tophus = {172 + (1 - 0.22) * -15, 168 + (1 - 0.22) * -9};
        HuVolume[] v = NoisyScans.of(N, SLICES, 30, 18, 0, 5, (x, y) -> limb(x, y, tophus, new double[] {36, 48}, 2.5));
        Quantification q = decompose(v).quantification();
        assertEquals(1, q.count(Labels.URATE), q.lesions().toString());
        assertEquals(0, q.count(Labels.CALCIUM) + q.count(Labels.INDETERMINATE), q.lesions().toString());
        double[] nodule = {381 - 15, 178 - 9};
        Quantification c = decompose(NoisyScans.of(N, SLICES, 30, 18, 0, 5, (x, y) -> limb(x, y, nodule, new double[] {60, 48}, 2.5)))
                .quantification();
        assertEquals(1, c.count(Labels.CALCIUM), c.lesions().toString());
        assertEquals(0, c.count(Labels.URATE) + c.count(Labels.INDETERMINATE), c.lesions().toString());
    }
}
