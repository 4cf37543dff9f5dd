package org.dect.testdata;

/**
 * An axis-aligned ellipsoid in patient millimetres; with {@code rz} infinite, an elliptic cylinder
 * along z. {@link #coverage} is the fraction of a voxel inside it, which gives the phantom its partial
 * volume at every edge.
 */
public record Ellipsoid(double cx, double cy, double cz, double rx, double ry, double rz) {

    static Ellipsoid cylinder(double cx, double cy, double rx, double ry) {
        return new Ellipsoid(cx, cy, 0, rx, ry, Double.POSITIVE_INFINITY);
    }

    Ellipsoid shrunk(double mm) {
        return new Ellipsoid(cx, cy, cz, rx - mm, ry - mm, rz - mm);
    }

    Ellipsoid scaledInPlane(double s) {
        return new Ellipsoid(cx * s, cy * s, cz, rx * s, ry * s, rz);
    }

    /** Analytic volume in mm³. */
    double volumeMm3() {
        return 4.0 / 3.0 * Math.PI * rx * ry * rz;
    }

    boolean reaches(double x, double y, double z, double margin) {
        return Math.abs(x - cx) <= rx + margin && Math.abs(y - cy) <= ry + margin
                && (Double.isInfinite(rz) || Math.abs(z - cz) <= rz + margin);
    }

    /**
     * Fraction of the voxel of size (wx, wy, wz) centred at (x, y, z) that lies inside. Far from the
     * surface (by the first-order signed distance d = (k − 1)/|∇k| of the normalised radius
     * k = |((x−cx)/rx, ...)|) the voxel is wholly in or out; near it the fraction is counted on a
     * {@value #SUBSAMPLES}-per-axis grid of points inside the voxel, which keeps the sum of fractions
     * within about 1 % of the analytic volume even for deposits three voxels wide.
     */
    double coverage(double x, double y, double z, double wx, double wy, double wz) {
        boolean cylinder = Double.isInfinite(rz);
        double ux = (x - cx) / rx;
        double uy = (y - cy) / ry;
        double uz = cylinder ? 0 : (z - cz) / rz;
        double k = Math.sqrt(ux * ux + uy * uy + uz * uz);
        if (k < 1e-9) {
            return 1;
        }
        double gx = ux / (rx * k);
        double gy = uy / (ry * k);
        double gz = cylinder ? 0 : uz / (rz * k);
        double g = Math.sqrt(gx * gx + gy * gy + gz * gz);
        double distance = (k - 1) / g;
        double reach = Math.sqrt(wx * wx + wy * wy + (cylinder ? 0 : wz * wz)); // the voxel's diagonal
        if (distance >= reach) {
            return 0;
        }
        if (distance <= -reach) {
            return 1;
        }
        int nz = cylinder ? 1 : SUBSAMPLES;
        int inside = 0;
        for (int i = 0; i < SUBSAMPLES; i++) {
            double sx = (x + wx * ((i + 0.5) / SUBSAMPLES - 0.5) - cx) / rx;
            for (int j = 0; j < SUBSAMPLES; j++) {
                double sy = (y + wy * ((j + 0.5) / SUBSAMPLES - 0.5) - cy) / ry;
                for (int l = 0; l < nz; l++) {
                    double sz = cylinder ? 0 : (z + wz * ((l + 0.5) / nz - 0.5) - cz) / rz;
                    if (sx * sx + sy * sy + sz * sz <= 1) {
                        inside++;
                    }
                }
            }
        }
        return inside / (double) (SUBSAMPLES * SUBSAMPLES * nz);
    }

    private static final int SUBSAMPLES = 5;
}
