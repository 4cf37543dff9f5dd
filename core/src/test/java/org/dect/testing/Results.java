package org.dect.testing;

import java.util.List;
import java.util.Map;

import org.dect.decompose.LabelCounts;
import org.dect.decompose.Preset;
import org.dect.decompose.ScanCalibration;
import org.dect.decompose.ScannerCheck;
import org.dect.decompose.TissueReferences;
import org.dect.lesion.Quantification;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;

/** Decomposition results made up from labels, for tests of the writers that need no decomposition run. */
public final class Results {

    private Results() { }

    public static DecompositionResult ofLabels(DecompositionOptions options, Preset preset, byte[][] labels) {
        double[] none = {Double.NaN, Double.NaN};
        return new DecompositionResult(options, preset, labels, LabelCounts.of(labels, 2), Quantification.empty(),
                new ScannerCheck(new TissueReferences(none, none, none), List.of(), null), ScanCalibration.none(preset), null, null,
                List.of(), List.of(), Map.of());
    }
}
