package org.dect.testdata;

/**
 * An axis-aligned ellipsoid in patient millimetres; with {@code rz} infinite, an elliptic cylinder along
 * z. The signed distance is the first-order estimate d = (k − 1)/|∇k| of the normalised radius
 * k = |((x−cx)/rx, ...)|.
 */
public record Ellipsoid(double cx, double cy, double cz, double rx, double ry, double rz) implements Shape {

    static Ellipsoid cylinder(double cx, double cy, double rx, double ry) {
        return new Ellipsoid(cx, cy, 0, rx, ry, Double.POSITIVE_INFINITY);
    }

    Ellipsoid shrunk(double mm) {
        return new Ellipsoid(cx, cy, cz, rx - mm, ry - mm, rz - mm);
    }

    Ellipsoid scaledInPlane(double s) {
        return new Ellipsoid(cx * s, cy * s, cz, rx * s, ry * s, rz);
    }

    boolean isCylinder() {
        return Double.isInfinite(rz);
    }

    @Override
    public double volumeMm3() {
        return 4.0 / 3.0 * Math.PI * rx * ry * rz;
    }

    @Override
    public double[] centre() {
        return new double[] {cx, cy, cz};
    }

    @Override
    public double[] radii() {
        return new double[] {rx, ry, rz};
    }

    @Override
    public boolean reaches(double x, double y, double z, double margin) {
        return Math.abs(x - cx) <= rx + margin && Math.abs(y - cy) <= ry + margin && (isCylinder() || Math.abs(z - cz) <= rz + margin);
    }

    @Override
    public boolean inside(double x, double y, double z) {
        double ux = (x - cx) / rx;
        double uy = (y - cy) / ry;
        double uz = isCylinder() ? 0 : (z - cz) / rz;
        return ux * ux + uy * uy + uz * uz <= 1;
    }

    @Override
    public double distance(double x, double y, double z) {
        double ux = (x - cx) / rx;
        double uy = (y - cy) / ry;
        double uz = isCylinder() ? 0 : (z - cz) / rz;
        double k = Math.sqrt(ux * ux + uy * uy + uz * uz);
        if (k < 1e-9) {
            return -Math.min(rx, Math.min(ry, rz));
        }
        double gx = ux / (rx * k);
        double gy = uy / (ry * k);
        double gz = isCylinder() ? 0 : uz / (rz * k);
        return (k - 1) / Math.sqrt(gx * gx + gy * gy + gz * gz);
    }
}
