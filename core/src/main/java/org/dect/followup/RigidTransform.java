package org.dect.followup;

/**
 * A rotation and translation of patient space: p ↦ R (p − c) + c + t, with R from the angles about x,
 * y and z (radians, applied z last) and c a fixed centre (the moving points' centroid), so that the
 * angles do not move the centre and the optimiser's parameters stay independent.
 */
public record RigidTransform(double rx, double ry, double rz, double tx, double ty, double tz, double[] centre) {

    public static RigidTransform of(double[] params, double[] centre) {
        return new RigidTransform(params[0], params[1], params[2], params[3], params[4], params[5], centre);
    }

    public double[][] rotation() {
        double cx = Math.cos(rx), sx = Math.sin(rx), cy = Math.cos(ry), sy = Math.sin(ry), cz = Math.cos(rz), sz = Math.sin(rz);
        // Rz · Ry · Rx
        return new double[][] {
            {cz * cy, cz * sy * sx - sz * cx, cz * sy * cx + sz * sx},
            {sz * cy, sz * sy * sx + cz * cx, sz * sy * cx - cz * sx},
            {-sy, cy * sx, cy * cx}};
    }

    public double[] apply(double[] p) {
        double[][] r = rotation();
        double dx = p[0] - centre[0], dy = p[1] - centre[1], dz = p[2] - centre[2];
        return new double[] {
            r[0][0] * dx + r[0][1] * dy + r[0][2] * dz + centre[0] + tx,
            r[1][0] * dx + r[1][1] * dy + r[1][2] * dz + centre[1] + ty,
            r[2][0] * dx + r[2][1] * dy + r[2][2] * dz + centre[2] + tz};
    }

    /** The largest of the three angles, degrees: how far the limb was turned. */
    public double rotationDeg() {
        return Math.toDegrees(Math.max(Math.abs(rx), Math.max(Math.abs(ry), Math.abs(rz))));
    }
}
