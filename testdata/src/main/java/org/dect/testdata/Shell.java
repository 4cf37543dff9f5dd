package org.dect.testdata;

/**
 * What lies inside {@code outer} but not inside {@code inner}: a calcified vessel wall around its
 * lumen, or a bone's cortex around its marrow.
 */
public record Shell(Shape outer, Shape inner) implements Shape {

    @Override
    public boolean inside(double x, double y, double z) {
        return outer.inside(x, y, z) && !inner.inside(x, y, z);
    }

    @Override
    public double distance(double x, double y, double z) {
        return Math.max(outer.distance(x, y, z), -inner.distance(x, y, z));
    }

    @Override
    public boolean reaches(double x, double y, double z, double margin) {
        return outer.reaches(x, y, z, margin);
    }

    @Override
    public boolean farInZ(double z, double margin) {
        return outer.farInZ(z, margin);
    }

    @Override
    public double volumeMm3() {
        return outer.volumeMm3() - inner.volumeMm3();
    }

    @Override
    public double[] centre() {
        return outer.centre();
    }

    @Override
    public double[] radii() {
        return outer.radii();
    }
}
