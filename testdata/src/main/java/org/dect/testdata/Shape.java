package org.dect.testdata;

/**
 * A solid of the phantom in patient millimetres. {@link #coverage} is the fraction of a voxel inside
 * it, which gives the phantom its partial volume at every edge: a voxel far from the surface (by the
 * shape's own estimate of the signed distance) is wholly in or out; near it the fraction is counted on
 * a {@value #SUBSAMPLES}-per-axis grid of points inside the voxel, which keeps the sum of fractions
 * within about 1 % of the analytic volume even for deposits three voxels wide.
 */
public sealed interface Shape permits Ellipsoid, Capsule, Shell {

    int SUBSAMPLES = 5;

    /** Whether the point lies inside. */
    boolean inside(double x, double y, double z);

    /** Signed distance to the surface, mm, exact or a first-order estimate: negative inside. */
    double distance(double x, double y, double z);

    /** Whether the point may be within {@code margin} of the shape: a cheap box test before the rest. */
    boolean reaches(double x, double y, double z, double margin);

    /** Analytic volume, mm³ (infinite for a shape that runs through the scan). */
    double volumeMm3();

    /** The centre, for the truth file and for keeping deposits apart. */
    double[] centre();

    /** The half-extents along x, y and z, for the truth file and for keeping deposits apart. */
    double[] radii();

    /** Whether the shape has no voxel in z: the generator skips it on slices it cannot reach. */
    default boolean farInZ(double z, double margin) {
        return Math.abs(z - centre()[2]) > radii()[2] + margin;
    }

    /** Fraction of the voxel of size (wx, wy, wz) centred at (x, y, z) that lies inside. */
    default double coverage(double x, double y, double z, double wx, double wy, double wz) {
        double reach = Math.sqrt(wx * wx + wy * wy + wz * wz); // the voxel's diagonal
        double d = distance(x, y, z);
        if (d >= reach) {
            return 0;
        }
        if (d <= -reach) {
            return 1;
        }
        int in = 0;
        for (int i = 0; i < SUBSAMPLES; i++) {
            double sx = x + wx * ((i + 0.5) / SUBSAMPLES - 0.5);
            for (int j = 0; j < SUBSAMPLES; j++) {
                double sy = y + wy * ((j + 0.5) / SUBSAMPLES - 0.5);
                for (int l = 0; l < SUBSAMPLES; l++) {
                    if (inside(sx, sy, z + wz * ((l + 0.5) / SUBSAMPLES - 0.5))) {
                        in++;
                    }
                }
            }
        }
        return in / (double) (SUBSAMPLES * SUBSAMPLES * SUBSAMPLES);
    }
}
