package org.dect.pipeline;

import java.util.List;
import java.util.Map;

import org.dect.decompose.LabelCounts;
import org.dect.decompose.Preset;
import org.dect.decompose.ScannerCheck;
import org.dect.lesion.Quantification;

/**
 * What a decomposition run produced.
 *
 * @param labels   per slice, x fastest: {@link org.dect.decompose.Labels} after exclusions and minimum size
 * @param labelCounts voxels of each label per slice, of the final labels
 * @param notes    assumptions made (preset choice, tin filter) and what was excluded
 * @param timingsMs wall time of each stage
 */
public record DecompositionResult(DecompositionOptions options, Preset preset, byte[][] labels, LabelCounts labelCounts,
                                  Quantification quantification, ScannerCheck scannerCheck, List<String> notes,
                                  Map<String, Long> timingsMs) { }
