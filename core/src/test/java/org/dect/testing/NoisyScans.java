package org.dect.testing;

import java.util.SplittableRandom;

import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;

/**
 * Scans of tissue and noise with known statistics, for tests of what is estimated from noise: white
 * Gaussian noise smoothed by a [1, 2, 1]/4 kernel in x and y, so that its correlation is known in
 * closed form (the kernel's autocorrelation 6/16, 4/16, 1/16 at lags 0, 1, 2 per axis), independent
 * between slices, with a set correlation between the energies.
 */
public final class NoisyScans {

    private NoisyScans() { }

    /** What the tissue reads, [low, high] HU, at voxel (x, y) of every slice. */
    public interface Tissue {
        double[] at(int x, int y);
    }

    /** [low, high] volumes of size n × n × slices, 0.5 mm voxels, 1 mm slices. */
    public static HuVolume[] of(int n, int slices, double sigmaLow, double sigmaHigh, double rho, long seed, Tissue tissue) {
        SplittableRandom r = new SplittableRandom(seed);
        short[][] low = new short[slices][];
        short[][] high = new short[slices][];
        double unit = 3.0 / 8; // SD of the smoothed noise per unit white SD: sqrt(Σk²)² = 6/16 in 2-D
        for (int z = 0; z < slices; z++) {
            double[] a = smoothed(r, n);
            double[] b = smoothed(r, n);
            low[z] = new short[n * n];
            high[z] = new short[n * n];
            for (int i = 0; i < n * n; i++) {
                double nl = a[i] / unit;
                double nh = (rho * a[i] + Math.sqrt(1 - rho * rho) * b[i]) / unit;
                double[] t = tissue.at(i % n, i / n);
                low[z][i] = (short) Math.max(-1024, Math.round(t[0] + sigmaLow * nl));
                high[z][i] = (short) Math.max(-1024, Math.round(t[1] + sigmaHigh * nh));
            }
        }
        double[][] positions = new double[slices][];
        for (int z = 0; z < slices; z++) {
            positions[z] = new double[] {0, 0, z};
        }
        VolumeGeometry g = new VolumeGeometry(n, n, 0.5, 0.5, new double[] {1, 0, 0}, new double[] {0, 1, 0}, positions, 1, 1);
        return new HuVolume[] {new HuVolume(g, low), new HuVolume(g, high)};
    }

    private static double[] smoothed(SplittableRandom r, int n) {
        double[] w = new double[n * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian();
        }
        double[] t = new double[w.length];
        double[] k = {0.25, 0.5, 0.25};
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double s = 0;
                for (int j = -1; j <= 1; j++) {
                    s += k[j + 1] * w[y * n + Math.floorMod(x + j, n)];
                }
                t[y * n + x] = s;
            }
        }
        double[] out = new double[w.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double s = 0;
                for (int j = -1; j <= 1; j++) {
                    s += k[j + 1] * t[Math.floorMod(y + j, n) * n + x];
                }
                out[y * n + x] = s;
            }
        }
        return out;
    }
}
