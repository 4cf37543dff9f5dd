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
     * Fraction of the voxel of size (wx, wy, wz) centred at (x, y, z) that lies inside. Uses the
     * first-order signed distance d = (k − 1)/|∇k| of the normalised radius k = |((x−cx)/rx, ...)|,
     * and a linear ramp across the voxel's width along the surface normal: exact for a plane
     * through a voxel edge-on, and within a few percent of the true overlap for shapes several
     * voxels wide.
     */
    double coverage(double x, double y, double z, double wx, double wy, double wz) {
        double ux = (x - cx) / rx;
        double uy = (y - cy) / ry;
        double uz = Double.isInfinite(rz) ? 0 : (z - cz) / rz;
        double k = Math.sqrt(ux * ux + uy * uy + uz * uz);
        if (k < 1e-9) {
            return 1;
        }
        double gx = ux / (rx * k);
        double gy = uy / (ry * k);
        double gz = Double.isInfinite(rz) ? 0 : uz / (rz * k);
        double g = Math.sqrt(gx * gx + gy * gy + gz * gz);
        double distance = (k - 1) / g;
        double width = (Math.abs(gx) * wx + Math.abs(gy) * wy + Math.abs(gz) * wz) / g;
        double f = 0.5 - distance / width;
        return f <= 0 ? 0 : f >= 1 ? 1 : f;
    }
}
