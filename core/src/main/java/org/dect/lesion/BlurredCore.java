package org.dect.lesion;

import org.apache.commons.math3.special.Erf;
import org.dect.decompose.Sharpness;
import org.dect.volume.VolumeGeometry;
import org.dect.volume.VoxelSet;

/**
 * How far the scanner's blur lowers the mean of a small deposit's core below the deposit's own value.
 * A deposit's volume is its summed signal over its core's value ({@link DepositStatistics}); a tophus
 * 1.5 mm in radius under a blur of σ 0.5 mm keeps only about 95 % of its value in the voxels of its
 * core, which would make it 5 % too large. Modelled as a ball of the deposit's volume blurred by a
 * Gaussian of the scan's σ ({@link Sharpness}): the blurred ball at distance r from its centre reads
 * ½[erf((R − r)/√2σ) + erf((R + r)/√2σ)] − σ/(r√2π)·[e^(−(R − r)²/2σ²) − e^(−(R + r)²/2σ²)] of its value,
 * and the factor is that averaged over the core's voxels. The blur is taken as isotropic, the mean of
 * the in-plane and slice σ (in quadrature, two axes to one). Only for deposits shaped like a ball, whose
 * voxels spread about their centre no more than {@value #COMPACT} times as far (in mean square) as a
 * ball of their volume: for a wafer of chondrocalcinosis or the ring of a calcified artery the model
 * would be wrong, and those are left as measured.
 */
final class BlurredCore {

    private BlurredCore() { }

    static final double COMPACT = 1.5;

    /** The factor, 0 to 1; 1 when the scan's blur is not known or the deposit is no ball. */
    static double factor(VoxelSet core, VoxelSet deposit, double[] centre, double volumeMm3, VolumeGeometry g, Sharpness s) {
        if (s == null || !Double.isFinite(s.inPlaneSigmaMm()) || !(volumeMm3 > 0)) {
            return 1;
        }
        double spread = 0;
        for (int i = 0; i < deposit.size(); i++) {
            spread += squaredDistance(deposit, i, centre, g);
        }
        double ball = 0.6 * Math.pow(3 * deposit.size() * g.voxelVolumeMm3() / (4 * Math.PI), 2.0 / 3);
        if (spread / deposit.size() > COMPACT * ball) {
            return 1;
        }
        double sigma = Math.sqrt((2 * s.inPlaneSigmaMm() * s.inPlaneSigmaMm() + s.sliceSigmaMm() * s.sliceSigmaMm()) / 3);
        double radius = Math.cbrt(3 * volumeMm3 / (4 * Math.PI));
        double sum = 0;
        for (int i = 0; i < core.size(); i++) {
            sum += ball(Math.sqrt(squaredDistance(core, i, centre, g)), radius, sigma);
        }
        return sum / core.size();
    }

    private static double squaredDistance(VoxelSet v, int i, double[] centre, VolumeGeometry g) {
        double dx = (v.x(i) - centre[0]) * g.columnSpacing();
        double dy = (v.y(i) - centre[1]) * g.rowSpacing();
        double dz = (v.z(i) - centre[2]) * g.sliceSpacing();
        return dx * dx + dy * dy + dz * dz;
    }

    /** A unit ball of radius R blurred by a Gaussian of σ, at distance r from its centre. */
    static double ball(double r, double radius, double sigma) {
        double a = (radius - r) / (Math.sqrt(2) * sigma);
        double b = (radius + r) / (Math.sqrt(2) * sigma);
        if (r < 1e-6 * sigma) {
            return Erf.erf(b) - Math.sqrt(2 / Math.PI) * radius / sigma * Math.exp(-b * b);
        }
        return 0.5 * (Erf.erf(a) + Erf.erf(b)) - sigma / (r * Math.sqrt(2 * Math.PI)) * (Math.exp(-a * a) - Math.exp(-b * b));
    }
}
