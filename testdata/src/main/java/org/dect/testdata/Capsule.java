package org.dect.testdata;

/**
 * A long bone's end: an elliptic cylinder along z that ends in a half-ellipsoid cap. The cylinder runs
 * from the cap's base away from {@code tip}, for ever on the side {@code -toward}: a radius that ends
 * at the wrist joint, a phalanx that starts beyond it.
 *
 * @param tip    z of the end of the cap, mm
 * @param toward +1 when the bone ends towards higher z, −1 when it starts there and runs on to higher z
 * @param cap    half-length of the cap along z, mm
 */
public record Capsule(double cx, double cy, double tip, int toward, double rx, double ry, double cap) implements Shape {

    public Capsule {
        if (toward != 1 && toward != -1) {
            throw new IllegalArgumentException("toward must be +1 or -1");
        }
    }

    private double base() {
        return tip - toward * cap;
    }

    Capsule shrunk(double mm) {
        return new Capsule(cx, cy, tip - toward * mm, toward, rx - mm, ry - mm, cap - mm);
    }

    Capsule scaledInPlane(double s) {
        return new Capsule(cx * s, cy * s, tip, toward, rx * s, ry * s, cap);
    }

    private Ellipsoid end() {
        return new Ellipsoid(cx, cy, base(), rx, ry, cap);
    }

    /** Whether z lies on the cylinder's side of the cap's base. */
    private boolean shaft(double z) {
        return (z - base()) * toward <= 0;
    }

    @Override
    public boolean inside(double x, double y, double z) {
        if (shaft(z)) {
            double ux = (x - cx) / rx;
            double uy = (y - cy) / ry;
            return ux * ux + uy * uy <= 1;
        }
        return end().inside(x, y, z);
    }

    @Override
    public double distance(double x, double y, double z) {
        if (shaft(z)) {
            return Ellipsoid.cylinder(cx, cy, rx, ry).distance(x, y, z);
        }
        return end().distance(x, y, z);
    }

    @Override
    public boolean reaches(double x, double y, double z, double margin) {
        return Math.abs(x - cx) <= rx + margin && Math.abs(y - cy) <= ry + margin && (z - tip) * toward <= margin;
    }

    @Override
    public boolean farInZ(double z, double margin) {
        return (z - tip) * toward > margin;
    }

    @Override
    public double volumeMm3() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public double[] centre() {
        return new double[] {cx, cy, base()};
    }

    @Override
    public double[] radii() {
        return new double[] {rx, ry, Double.POSITIVE_INFINITY};
    }
}
