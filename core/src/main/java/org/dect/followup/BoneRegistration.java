package org.dect.followup;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

import org.dect.InputException;
import org.dect.decompose.Labels;

/**
 * Aligns a follow-up scan to its baseline on bone, rigidly: the follow-up's bone surface is moved until
 * it lies on the baseline's, by the mean squared distance from each of its surface points to the
 * nearest baseline surface (an exact distance map on a {@value #CELL_MM} mm grid, capped at
 * {@value #CAP_MM} mm so that bone one scan has and the other lacks, at the ends of the scanned length,
 * does not pull). Commons Math's BOBYQA minimises it over three angles (within ±{@value #MAX_DEG}°)
 * and three shifts (within ±{@value #MAX_SHIFT_MM} mm of the centroids' difference), from the centroids'
 * difference; deposits then move with the bone.
 */
public final class BoneRegistration {

    static final double CELL_MM = 1.0;
    static final double CAP_MM = 8.0;
    static final double MAX_DEG = 25;
    static final double MAX_SHIFT_MM = 40;
    static final int MAX_POINTS = 6000;

    /** The transform from follow-up to baseline patient space, and how well the bones lie on each other. */
    public record Result(RigidTransform transform, double rmsMm, int points) { }

    private BoneRegistration() { }

    public static Result align(LabelVolume baseline, LabelVolume followUp) {
        List<double[]> fixed = surface(baseline, Integer.MAX_VALUE);
        List<double[]> moving = surface(followUp, MAX_POINTS);
        if (fixed.size() < 50 || moving.size() < 50) {
            throw new InputException("Too little bone to align the scans (" + fixed.size() + " and " + moving.size()
                    + " surface voxels): the follow-up cannot be matched to the baseline.");
        }
        DistanceMap map = DistanceMap.of(fixed, CELL_MM, CAP_MM + 2);
        double[] cf = centroid(moving);
        double[] cb = centroid(fixed);
        MultivariateFunction cost = p -> {
            RigidTransform t = RigidTransform.of(p, cf);
            double sum = 0;
            for (double[] q : moving) {
                double d = Math.min(CAP_MM, map.at(t.apply(q)));
                sum += d * d;
            }
            return sum / moving.size();
        };
        double r = Math.toRadians(MAX_DEG);
        double[] start = {0, 0, 0, cb[0] - cf[0], cb[1] - cf[1], cb[2] - cf[2]};
        double[] lower = {-r, -r, -r, start[3] - MAX_SHIFT_MM, start[4] - MAX_SHIFT_MM, start[5] - MAX_SHIFT_MM};
        double[] upper = {r, r, r, start[3] + MAX_SHIFT_MM, start[4] + MAX_SHIFT_MM, start[5] + MAX_SHIFT_MM};
        // Angles in radians and shifts in mm differ in scale: optimise shifts in units of 10 mm ≈ 0.17 rad.
        double[] scale = {1, 1, 1, 60, 60, 60};
        MultivariateFunction scaled = x -> cost.value(unscale(x, scale));
        PointValuePair best = new BOBYQAOptimizer(13, 0.05, 1e-5).optimize(new MaxEval(4000), new ObjectiveFunction(scaled),
                GoalType.MINIMIZE, new InitialGuess(rescale(start, scale)), new SimpleBounds(rescale(lower, scale), rescale(upper, scale)));
        double[] p = unscale(best.getPoint(), scale);
        return new Result(RigidTransform.of(p, cf), Math.sqrt(best.getValue()), moving.size());
    }

    private static double[] rescale(double[] v, double[] s) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i] / s[i];
        }
        return o;
    }

    private static double[] unscale(double[] v, double[] s) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i] * s[i];
        }
        return o;
    }

    /** Bone voxels with a face-neighbour that is not bone, in patient mm; every n-th, to at most {@code most}. */
    static List<double[]> surface(LabelVolume v, int most) {
        List<int[]> voxels = new ArrayList<>();
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    if (v.at(i, j, k) == Labels.BONE && edge(v, i, j, k)) {
                        voxels.add(new int[] {i, j, k});
                    }
                }
            }
        }
        int step = Math.max(1, (int) Math.ceil(voxels.size() / (double) most));
        List<double[]> points = new ArrayList<>();
        for (int n = 0; n < voxels.size(); n += step) {
            int[] x = voxels.get(n);
            points.add(v.toPatient(x[0], x[1], x[2]));
        }
        return points;
    }

    private static boolean edge(LabelVolume v, int i, int j, int k) {
        int[][] d = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (int[] e : d) {
            int a = i + e[0], b = j + e[1], c = k + e[2];
            if (a < 0 || b < 0 || c < 0 || a >= v.nx() || b >= v.ny() || c >= v.nz()) {
                continue; // the edge of the scan is no surface of the bone
            }
            if (v.at(a, b, c) != Labels.BONE) {
                return true;
            }
        }
        return false;
    }

    static double[] centroid(List<double[]> points) {
        double[] c = new double[3];
        for (double[] p : points) {
            for (int a = 0; a < 3; a++) {
                c[a] += p[a] / points.size();
            }
        }
        return c;
    }
}
