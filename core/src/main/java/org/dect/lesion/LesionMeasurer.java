package org.dect.lesion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dect.Parallel;
import org.dect.decompose.Labels;
import org.dect.decompose.TwoMaterialBasis;
import org.dect.lesion.ConnectedComponents.Components;
import org.dect.lesion.ConnectedComponents.SliceRuns;
import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;

/**
 * Turns a label volume into deposits: 26-connected components per material, those smaller than the
 * minimum size (or, for urate, too faint) dropped and calcium components with a cortex set apart as bone (both relabelled, so
 * outputs and totals agree), the rest measured.
 */
public final class LesionMeasurer {

    private LesionMeasurer() { }

    /**
     * Low-kVp HU of cortical bone: 1700–2000 HU at 80–100 kVp (physics.md), above any calcinosis but the
     * densest (400 mg/cm³ HA reads 760 HU at 80 kVp).
     */
    public static final int CORTICAL_HU = 1200;
    /**
     * A calcium component is bone when at least this share of it is cortical and it holds at least
     * {@link #BONE_MIN_ML}: a radius or phalanx has a cortex of a third of its cross-section.
     */
    static final double BONE_CORTICAL_SHARE = 0.10;
    static final double BONE_MIN_ML = 0.2;

    private static final int X = 0, Y = 1, Z = 2, LOW = 3, HIGH = 4, COUNT = 5, CORTICAL = 6;

    /**
     * @param minVoxels          smaller components are dropped
     * @param minMm3             and so are components smaller than this volume
     * @param minUrateMeanLowHu  urate components whose mean low-kVp HU (before smoothing) is below this are
     *                           dropped: the faintest tophus (15 % w/w) reads 66 HU, so a "urate" deposit no
     *                           denser than soft tissue is noise the smoothing shaped, not urate
     */
    public static Quantification measure(byte[][] labels, HuVolume low, HuVolume high, TwoMaterialBasis basis,
                                         long minVoxels, double minMm3, double minUrateMeanLowHu) {
        VolumeGeometry g = low.geometry();
        double voxelMm3 = g.voxelVolumeMm3();
        long minimum = Math.max(minVoxels, (long) Math.ceil(minMm3 / voxelMm3));
        List<Lesion> lesions = new ArrayList<>();
        double[] totals = new double[4];
        // Both materials' components are found at once, from the labels as they come: relabelling urate
        // below never makes or removes a calcium voxel, so the calcium components are the same either way.
        Components urate;
        Components calcium;
        try (Parallel.Background<Components> finding = Parallel.start(
                () -> ConnectedComponents.of(labels, g.columns(), g.rows(), Labels.CALCIUM))) {
            urate = ConnectedComponents.of(labels, g.columns(), g.rows(), Labels.URATE);
            calcium = finding.join();
        }
        for (byte material : new byte[] {Labels.URATE, Labels.CALCIUM}) {
            Components c = material == Labels.URATE ? urate : calcium;
            double[][] sums = new double[c.count() + 1][7];
            int[][] box = new int[c.count() + 1][];
            accumulate(c, low, high, g.columns(), sums, box);
            byte[] fate = new byte[c.count() + 1];
            for (int id = 1; id <= c.count(); id++) {
                double ml = sums[id][COUNT] * voxelMm3 / 1000;
                boolean bone = material == Labels.CALCIUM && ml >= BONE_MIN_ML && sums[id][CORTICAL] >= BONE_CORTICAL_SHARE * sums[id][COUNT];
                fate[id] = sums[id][COUNT] < minimum || (material == Labels.URATE && !plausibleUrate(sums[id], basis, minUrateMeanLowHu))
                        ? Labels.NONE : bone ? Labels.BONE : material;
            }
            relabel(labels, c, fate);
            for (int id = 1; id <= c.count(); id++) {
                double[] s = sums[id];
                double n = s[COUNT];
                double ml = n * voxelMm3 / 1000;
                totals[fate[id]] += ml;
                if (fate[id] != material) {
                    continue;
                }
                double meanLow = s[LOW] / n;
                double meanHigh = s[HIGH] / n;
                int z = (int) Math.round(s[Z] / n);
                double[] p = along(g, g.toPatient(s[X] / n, s[Y] / n, z), s[Z] / n - z);
                lesions.add(new Lesion(lesions.size() + 1, material, (long) n, ml, p,
                        new int[] {box[id][0], box[id][1], box[id][2]}, new int[] {box[id][3], box[id][4], box[id][5]},
                        meanLow, meanHigh, meanLow / meanHigh, basis.urate(meanLow, meanHigh), basis.ha(meanLow, meanHigh)));
            }
        }
        return new Quantification(totals[Labels.URATE], totals[Labels.CALCIUM], totals[Labels.BONE], List.copyOf(lesions));
    }

    /**
     * A urate deposit must be denser than soft tissue at low kVp, and its mean must not lie further
     * beyond the urate line (negative HA) than its urate amount: no tissue has a dual-energy ratio that
     * far below urate's, only noise does. A scanner reading 5 % apart from its preset moves real urate
     * to half that (60 % w/w: 65 % urate, −35 mg/cm³ HA); noise specks at calcium rims reach −1.5 times.
     */
    private static boolean plausibleUrate(double[] s, TwoMaterialBasis basis, double minMeanLowHu) {
        double low = s[LOW] / s[COUNT];
        double high = s[HIGH] / s[COUNT];
        return low >= minMeanLowHu && basis.ha(low, high) >= -basis.urate(low, high);
    }

    /** Per component: sums of x, y, z, HU low, HU high, voxel count, cortical voxels; and the bounding box. */
    private static void accumulate(Components c, HuVolume low, HuVolume high, int columns, double[][] sums, int[][] box) {
        for (int z = 0; z < c.slices().length; z++) {
            SliceRuns runs = c.slices()[z];
            if (runs == null) {
                continue;
            }
            short[] l = low.slices()[z];
            short[] h = high.slices()[z];
            for (int y = 0; y < c.rows(); y++) {
                for (int k = runs.rowFirst()[y]; k < runs.rowFirst()[y + 1]; k++) {
                    int x0 = runs.x0(k);
                    int x1 = runs.x1(k);
                    int id = runs.id(k);
                    double[] s = sums[id];
                    long hu = 0;
                    long hh = 0;
                    int cortical = 0;
                    for (int i = y * columns + x0; i < y * columns + x1; i++) {
                        hu += l[i];
                        hh += h[i];
                        cortical += l[i] >= CORTICAL_HU ? 1 : 0;
                    }
                    int n = x1 - x0;
                    s[X] += (x0 + x1 - 1) * (double) n / 2;
                    s[Y] += (double) y * n;
                    s[Z] += (double) z * n;
                    s[LOW] += hu;
                    s[HIGH] += hh;
                    s[COUNT] += n;
                    s[CORTICAL] += cortical;
                    int[] b = box[id];
                    if (b == null) {
                        box[id] = new int[] {x0, y, z, x1 - 1, y, z};
                    } else {
                        b[0] = Math.min(b[0], x0);
                        b[1] = Math.min(b[1], y);
                        b[2] = Math.min(b[2], z);
                        b[3] = Math.max(b[3], x1 - 1);
                        b[4] = Math.max(b[4], y);
                        b[5] = Math.max(b[5], z);
                    }
                }
            }
        }
    }

    /** Gives every voxel of component id the label fate[id] (NONE for a dropped component). */
    private static void relabel(byte[][] labels, Components c, byte[] fate) {
        for (int z = 0; z < labels.length; z++) {
            SliceRuns runs = c.slices()[z];
            if (runs == null) {
                continue;
            }
            for (int y = 0; y < c.rows(); y++) {
                int base = y * c.columns();
                for (int k = runs.rowFirst()[y]; k < runs.rowFirst()[y + 1]; k++) {
                    Arrays.fill(labels[z], base + runs.x0(k), base + runs.x1(k), fate[runs.id(k)]);
                }
            }
        }
    }

    /** Moves a point by a fraction of the slice spacing along the normal (centroids between slices). */
    private static double[] along(VolumeGeometry g, double[] p, double slices) {
        double[] n = g.normal();
        double d = slices * g.sliceSpacing();
        return new double[] {p[0] + d * n[0], p[1] + d * n[1], p[2] + d * n[2]};
    }
}
