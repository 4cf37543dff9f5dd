package org.dect.followup;

import java.util.Arrays;
import java.util.List;

/**
 * Euclidean distance to the nearest of a set of points, on a regular grid over their bounding box
 * (plus a margin), interpolated trilinearly in between and taken as the margin outside the grid.
 * Exact on the grid: the separable squared-distance transform of Felzenszwalb and Huttenlocher (2012).
 */
final class DistanceMap {

    private final double[] origin;
    private final double cell;
    private final int nx, ny, nz;
    private final float[] d;
    private final double far;

    private DistanceMap(double[] origin, double cell, int nx, int ny, int nz, float[] d, double far) {
        this.origin = origin;
        this.cell = cell;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.d = d;
        this.far = far;
    }

    static DistanceMap of(List<double[]> points, double cell, double margin) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] p : points) {
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], p[a] - margin);
                hi[a] = Math.max(hi[a], p[a] + margin);
            }
        }
        int nx = (int) Math.ceil((hi[0] - lo[0]) / cell) + 1;
        int ny = (int) Math.ceil((hi[1] - lo[1]) / cell) + 1;
        int nz = (int) Math.ceil((hi[2] - lo[2]) / cell) + 1;
        float inf = 1e20f;
        float[] f = new float[nx * ny * nz];
        Arrays.fill(f, inf);
        for (double[] p : points) {
            int i = (int) Math.round((p[0] - lo[0]) / cell);
            int j = (int) Math.round((p[1] - lo[1]) / cell);
            int k = (int) Math.round((p[2] - lo[2]) / cell);
            f[(k * ny + j) * nx + i] = 0;
        }
        int most = Math.max(nx, Math.max(ny, nz));
        float[] line = new float[most];
        float[] out = new float[most];
        int[] v = new int[most];
        float[] z = new float[most + 1];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                int base = (k * ny + j) * nx;
                transform(f, base, 1, nx, line, out, v, z);
            }
        }
        for (int k = 0; k < nz; k++) {
            for (int i = 0; i < nx; i++) {
                transform(f, k * ny * nx + i, nx, ny, line, out, v, z);
            }
        }
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                transform(f, j * nx + i, nx * ny, nz, line, out, v, z);
            }
        }
        for (int n = 0; n < f.length; n++) {
            f[n] = (float) (Math.sqrt(f[n]) * cell);
        }
        return new DistanceMap(lo, cell, nx, ny, nz, f, margin);
    }

    /** One line of the 1-D squared-distance transform (lower envelope of parabolas), in place. */
    private static void transform(float[] f, int start, int stride, int n, float[] line, float[] out, int[] v, float[] z) {
        for (int q = 0; q < n; q++) {
            line[q] = f[start + q * stride];
        }
        int k = 0;
        v[0] = 0;
        z[0] = -Float.MAX_VALUE;
        z[1] = Float.MAX_VALUE;
        for (int q = 1; q < n; q++) {
            float s;
            while (true) {
                s = ((line[q] + q * q) - (line[v[k]] + v[k] * v[k])) / (2f * q - 2f * v[k]);
                if (s <= z[k] && k > 0) {
                    k--;
                } else {
                    break;
                }
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Float.MAX_VALUE;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            out[q] = (q - v[k]) * (q - v[k]) + line[v[k]];
        }
        for (int q = 0; q < n; q++) {
            f[start + q * stride] = out[q];
        }
    }

    /** The distance at a patient point, mm. */
    double at(double[] p) {
        double x = (p[0] - origin[0]) / cell;
        double y = (p[1] - origin[1]) / cell;
        double zz = (p[2] - origin[2]) / cell;
        if (x < 0 || y < 0 || zz < 0 || x > nx - 1 || y > ny - 1 || zz > nz - 1) {
            return far;
        }
        int i = Math.min(nx - 2, (int) x), j = Math.min(ny - 2, (int) y), k = Math.min(nz - 2, (int) zz);
        double fx = x - i, fy = y - j, fz = zz - k;
        double c00 = lerp(d[idx(i, j, k)], d[idx(i + 1, j, k)], fx);
        double c10 = lerp(d[idx(i, j + 1, k)], d[idx(i + 1, j + 1, k)], fx);
        double c01 = lerp(d[idx(i, j, k + 1)], d[idx(i + 1, j, k + 1)], fx);
        double c11 = lerp(d[idx(i, j + 1, k + 1)], d[idx(i + 1, j + 1, k + 1)], fx);
        return lerp(lerp(c00, c10, fy), lerp(c01, c11, fy), fz);
    }

    private int idx(int i, int j, int k) {
        return (k * ny + j) * nx + i;
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
