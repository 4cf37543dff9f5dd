package org.dect.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.dect.decompose.Labels;
import org.dect.decompose.NoiseModel;
import org.dect.lesion.DetectionLimit;
import org.dect.lesion.Quantification;

/**
 * The burden as a reader needs it, for decompose and demo: each volume with its interval and the
 * workstations' voxel count beside it, what sits between urate and calcium, and, when no urate is found,
 * what could have been missed: "no urate, and a deposit below X could be there", not a bare zero.
 */
final class Summary {

    private Summary() { }

    static void print(PrintWriter out, Quantification q, NoiseModel noise) {
        DetectionLimit limit = q.detectionLimit();
        if (q.count(Labels.URATE) == 0) {
            out.printf(Locale.ROOT, "Urate:    none found%s%n", Double.isFinite(limit.volumeMl())
                    ? String.format(Locale.ROOT, "; a deposit smaller than %.3f mL (%.1f mm across) at %.0f %% w/w could have been missed",
                            limit.volumeMl(), limit.diameterMm(), limit.percent())
                    : "");
        } else {
            out.printf(Locale.ROOT, "Urate:    %.3f mL%s in %d lesion(s); voxels labelled %.3f mL%n", q.urateVolumeMl(), interval(q.urate()),
                    q.count(Labels.URATE), q.urate().voxelVolumeMl());
        }
        out.printf(Locale.ROOT, "Calcium:  %.3f mL%s in %d lesion(s); voxels labelled %.3f mL (bone, %.1f mL, counted apart)%n",
                q.calciumVolumeMl(), interval(q.calcium()), q.count(Labels.CALCIUM), q.calcium().voxelVolumeMl(), q.boneVolumeMl());
        if (q.count(Labels.INDETERMINATE) > 0) {
            out.printf(Locale.ROOT, "Between:  %.3f mL in %d deposit(s) the noise leaves between urate and calcium, in neither total%n",
                    q.indeterminateVolumeMl(), q.count(Labels.INDETERMINATE));
        }
        if (noise != null) {
            out.printf(Locale.ROOT, "Noise:    SD %.1f / %.1f HU in soft tissue; smallest urate deposit this scan shows: %.3f mL (%.1f mm) at %.0f %% w/w%n",
                    noise.sigmaLow(), noise.sigmaHigh(), limit.volumeMl(), limit.diameterMm(), limit.percent());
        }
    }

    private static String interval(Quantification.Burden b) {
        double[] ci = b.ci95();
        return Double.isNaN(ci[0]) ? "" : String.format(Locale.ROOT, " (95 %% interval %.3f-%.3f)", ci[0], ci[1]);
    }
}
