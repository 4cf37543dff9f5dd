package org.dect.lesion;

import java.util.ArrayList;
import java.util.List;

import org.dect.decompose.Labels;
import org.dect.decompose.TwoMaterialBasis;
import org.dect.lesion.ConnectedComponents.Components;
import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;

/**
 * Turns a label volume into deposits: 26-connected components per material, those smaller than the
 * minimum size dropped (and cleared from the labels, so outputs and totals agree), the rest measured.
 */
public final class LesionMeasurer {

    private LesionMeasurer() { }

    public static Quantification measure(byte[][] labels, HuVolume low, HuVolume high, TwoMaterialBasis basis,
                                         long minVoxels, double minMm3) {
        VolumeGeometry g = low.geometry();
        double voxelMm3 = g.voxelVolumeMm3();
        long minimum = Math.max(minVoxels, (long) Math.ceil(minMm3 / voxelMm3));
        List<Lesion> lesions = new ArrayList<>();
        double[] totals = new double[3];
        for (byte material : new byte[] {Labels.URATE, Labels.CALCIUM}) {
            Components c = ConnectedComponents.of(labels, g.columns(), g.rows(), material);
            double[][] sums = new double[c.count() + 1][7]; // x, y, z, low, high, count, unused
            int[][] box = new int[c.count() + 1][];
            for (int z = 0; z < labels.length; z++) {
                int[] ids = c.ids()[z];
                if (ids == null) {
                    continue;
                }
                for (int i = 0; i < ids.length; i++) {
                    int id = ids[i];
                    if (id == 0) {
                        continue;
                    }
                    if (c.sizes()[id] < minimum) {
                        labels[z][i] = Labels.NONE;
                        continue;
                    }
                    int x = i % g.columns();
                    int y = i / g.columns();
                    double[] s = sums[id];
                    s[0] += x;
                    s[1] += y;
                    s[2] += z;
                    s[3] += low.slices()[z][i];
                    s[4] += high.slices()[z][i];
                    s[5]++;
                    if (box[id] == null) {
                        box[id] = new int[] {x, y, z, x, y, z};
                    } else {
                        int[] b = box[id];
                        b[0] = Math.min(b[0], x);
                        b[1] = Math.min(b[1], y);
                        b[2] = Math.min(b[2], z);
                        b[3] = Math.max(b[3], x);
                        b[4] = Math.max(b[4], y);
                        b[5] = Math.max(b[5], z);
                    }
                }
            }
            for (int id = 1; id <= c.count(); id++) {
                double[] s = sums[id];
                if (s[5] == 0) {
                    continue;
                }
                double n = s[5];
                double meanLow = s[3] / n;
                double meanHigh = s[4] / n;
                int z = (int) Math.round(s[2] / n);
                double[] p = g.toPatient(s[0] / n, s[1] / n, z);
                p = along(g, p, s[2] / n - z);
                double ml = n * voxelMm3 / 1000;
                totals[material] += ml;
                lesions.add(new Lesion(lesions.size() + 1, material, (long) n, ml, p,
                        new int[] {box[id][0], box[id][1], box[id][2]}, new int[] {box[id][3], box[id][4], box[id][5]},
                        meanLow, meanHigh, meanLow / meanHigh, basis.urate(meanLow, meanHigh), basis.ha(meanLow, meanHigh)));
            }
        }
        return new Quantification(totals[Labels.URATE], totals[Labels.CALCIUM], List.copyOf(lesions));
    }

    /** Moves a point by a fraction of the slice spacing along the normal (centroids between slices). */
    private static double[] along(VolumeGeometry g, double[] p, double slices) {
        double[] n = g.normal();
        double d = slices * g.sliceSpacing();
        return new double[] {p[0] + d * n[0], p[1] + d * n[1], p[2] + d * n[2]};
    }
}
