package org.dect.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.dect.Parallel;
import org.dect.ProgressListener;
import org.dect.decompose.Preset;
import org.dect.decompose.Presets;
import org.dect.decompose.RatioRuleKernel;
import org.dect.decompose.ScannerCheck;
import org.dect.decompose.ThreeMaterialKernel;
import org.dect.decompose.TwoMaterialBasis;
import org.dect.decompose.TwoMaterialKernel;
import org.dect.decompose.Method;
import org.dect.lesion.CandidateMask;
import org.dect.lesion.Exclusions;
import org.dect.lesion.JointBilateralFilter;
import org.dect.lesion.LesionMeasurer;
import org.dect.lesion.Quantification;
import org.dect.study.DualEnergyVolumes;
import org.dect.volume.HuVolume;

/**
 * From a pair of HU volumes to labelled voxels and measured deposits: choose the preset, smooth,
 * classify every voxel with the chosen method (slices in parallel), drop artefact-prone urate calls,
 * group voxels into deposits and measure them.
 */
public final class Decomposition {

    private Decomposition() { }

    /** Chooses the preset from the pair's KVP and filter unless the options name one, then runs. */
    public static DecompositionResult run(DualEnergyVolumes volumes, DecompositionOptions options, ProgressListener progress) {
        List<String> notes = new ArrayList<>();
        Preset preset = options.preset();
        if (preset == null) {
            Presets.Choice choice = Presets.choose(volumes.pair().low().kvp(), volumes.pair().high().kvp(),
                    volumes.pair().high().tinFilterRecorded());
            preset = choice.preset();
            notes.addAll(choice.notes());
        }
        return run(volumes.low(), volumes.high(), preset, options, notes, progress);
    }

    public static DecompositionResult run(HuVolume lowInput, HuVolume highInput, Preset preset, DecompositionOptions options,
                                          List<String> assumptions, ProgressListener progress) {
        Map<String, Long> timings = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>(assumptions);
        long t = System.nanoTime();
        notes.add("preset " + preset.name() + " (" + preset.source() + ")");
        TwoMaterialBasis basis = TwoMaterialBasis.of(preset);
        if (basis.conditionNumber() > TwoMaterialBasis.ILL_CONDITIONED) {
            notes.add(String.format(Locale.ROOT, "basis matrix is ill-conditioned (condition number %.0f): amounts are noisy",
                    basis.conditionNumber()));
        }
        ScannerCheck check = ScannerCheck.of(lowInput, highInput, preset);
        notes.addAll(check.warnings());
        timings.put("scanner_check", lap(t));
        t = System.nanoTime();

        boolean usesAmounts = options.method() != Method.RATIO;
        boolean[][] candidates = usesAmounts || options.smoothing().enabled()
                ? CandidateMask.of(lowInput, highInput, options.smoothing().floorHu(), options.threads()) : null;
        timings.put("candidates", lap(t));
        t = System.nanoTime();
        byte[][] labels = classify(lowInput, highInput, candidates, preset, basis, options, progress);
        timings.put("smooth_and_classify", lap(t));
        t = System.nanoTime();

        DecompositionOptions.LesionRules rules = options.lesions();
        long excluded = Exclusions.apply(labels, lowInput, rules.skinRimMm(), rules.boneMarginMm(), options.threads());
        if (excluded > 0) {
            notes.add(excluded + " urate voxel(s) excluded within " + rules.skinRimMm() + " mm of the skin or "
                    + rules.boneMarginMm() + " mm of cortical bone");
        }
        Quantification q = LesionMeasurer.measure(labels, lowInput, highInput, basis, rules.minVoxels(), rules.minMm3(),
                rules.minUrateMeanLowHu());
        timings.put("lesions", lap(t));
        return new DecompositionResult(options, preset, labels, q, check, List.copyOf(notes), timings);
    }

    /**
     * Labels every voxel, smoothing a slice just before classifying it (no smoothed copy of the
     * volumes is ever whole); the amount methods only look at candidates ({@code candidates} may be
     * null for the ratio rule without smoothing).
     */
    private static byte[][] classify(HuVolume low, HuVolume high, boolean[][] candidates, Preset preset, TwoMaterialBasis basis,
                                     DecompositionOptions options, ProgressListener progress) {
        int slices = low.geometry().slices();
        int n = low.geometry().columns() * low.geometry().rows();
        byte[][] labels = new byte[slices][n];
        float minUrate = (float) options.thresholds().minUratePercent();
        float minHa = (float) options.thresholds().minHaMgCm3();
        DecompositionOptions.RatioRule ratio = options.ratio();
        float cutoff = (float) (Double.isNaN(ratio.cutoff()) ? preset.ratioCutoff() : ratio.cutoff());
        ThreeMaterialKernel.Triangle triangle = ThreeMaterialKernel.Triangle.of(preset);
        AtomicInteger done = new AtomicInteger();
        JointBilateralFilter filter = options.smoothing().enabled() ? new JointBilateralFilter(options.smoothing().rangeSigmaHu()) : null;
        Parallel.forEach(slices, options.threads(), z -> {
            short[][] smoothed = filter == null ? null : filter.slice(low, high, candidates[z], z);
            short[] l = smoothed == null ? low.slices()[z] : smoothed[0];
            short[] h = smoothed == null ? high.slices()[z] : smoothed[1];
            switch (options.method()) {
                case RATIO -> RatioRuleKernel.classify(l, h, labels[z], n, ratio.lowMinHu(), ratio.lowMaxHu(), cutoff);
                case TWO_MATERIAL -> TwoMaterialKernel.classify(l, h, labels[z], n, candidates[z], basis, minUrate, minHa);
                case THREE_MATERIAL -> ThreeMaterialKernel.classify(l, h, labels[z], n, candidates[z], triangle, minUrate, minHa);
            }
            progress.progress("decompose", done.incrementAndGet(), slices);
        });
        return labels;
    }

    private static long lap(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
