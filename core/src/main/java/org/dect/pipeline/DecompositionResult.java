package org.dect.pipeline;

import java.util.List;
import java.util.Map;

import org.dect.decompose.LabelCounts;
import org.dect.decompose.NoiseModel;
import org.dect.decompose.Preset;
import org.dect.decompose.ScanCalibration;
import org.dect.decompose.Sharpness;
import org.dect.decompose.ScannerCheck;
import org.dect.lesion.Quantification;

/**
 * What a decomposition run produced.
 *
 * @param labels   per slice, x fastest: {@link org.dect.decompose.Labels} after exclusions and minimum size
 * @param labelCounts voxels of each label per slice, of the final labels
 * @param preset   the preset decomposed with: the one chosen, adapted to the scan when in-scan calibration is on
 * @param calibration how the chosen preset was adapted to the scan
 * @param noise    the scan's noise as measured, or null (not measured, or too little soft tissue)
 * @param sharpness how much the scanner blurs, as measured, or null (not measured)
 * @param warnings what the user must know to trust the numbers: references missing, tissues off the preset
 * @param notes    assumptions made (preset choice, tin filter), adjustments, and what was excluded
 * @param timingsMs wall time of each stage
 */
public record DecompositionResult(DecompositionOptions options, Preset preset, byte[][] labels, LabelCounts labelCounts,
                                  Quantification quantification, ScannerCheck scannerCheck, ScanCalibration calibration,
                                  NoiseModel noise, Sharpness sharpness, List<String> warnings, List<String> notes,
                                  Map<String, Long> timingsMs) { }
