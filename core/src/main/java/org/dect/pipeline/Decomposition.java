package org.dect.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.dect.InputException;
import org.dect.Parallel;
import org.dect.ProgressListener;
import org.dect.decompose.LabelCounts;
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
        // The scanner check only adds notes: it runs on a thread of its own beside the classification
        // rather than on one core before it.
        byte[][] labels;
        ScannerCheck check;
        try (Parallel.Background<ScannerCheck> checking = Parallel.start(() -> ScannerCheck.of(lowInput, highInput, preset))) {
            labels = classify(lowInput, highInput, preset, basis, options, progress);
            check = checking.join();
        }
        if (check.refusal() != null) {
            throw new InputException("The scan cannot be decomposed: " + check.refusal()
                    + ". Check that the series are CT images exported with their rescale, or choose them with --low/--high.");
        }
        notes.addAll(check.warnings());
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
        LabelCounts counts = LabelCounts.of(labels, options.threads());
        timings.put("lesions", lap(t));
        return new DecompositionResult(options, preset, labels, counts, q, check, List.copyOf(notes), timings);
    }

    /**
     * Labels every voxel, finding candidates and smoothing a slice just before classifying it (neither
     * a candidate mask nor a smoothed copy of the volumes is ever whole); the amount methods only look
     * at candidates. Work goes in contiguous slabs of slices, several per thread so that the threads
     * finish together, each slab rolling its candidate window along z and reusing its buffers.
     */
    private static byte[][] classify(HuVolume low, HuVolume high, Preset preset, TwoMaterialBasis basis,
                                     DecompositionOptions options, ProgressListener progress) {
        int slices = low.geometry().slices();
        int n = low.geometry().columns() * low.geometry().rows();
        byte[][] labels = new byte[slices][];
        float minUrate = (float) options.thresholds().minUratePercent();
        float minHa = (float) options.thresholds().minHaMgCm3();
        DecompositionOptions.RatioRule ratio = options.ratio();
        float cutoff = (float) (Double.isNaN(ratio.cutoff()) ? preset.ratioCutoff() : ratio.cutoff());
        ThreeMaterialKernel.Triangle triangle = ThreeMaterialKernel.Triangle.of(preset);
        boolean needsCandidates = options.method() != Method.RATIO || options.smoothing().enabled();
        JointBilateralFilter filter = options.smoothing().enabled() ? new JointBilateralFilter(options.smoothing().rangeSigmaHu()) : null;
        AtomicInteger done = new AtomicInteger();
        int slabs = Math.min(slices, SLABS_PER_THREAD * options.threads());
        Parallel.forEach(slabs, options.threads(), slab -> {
            CandidateMask window = needsCandidates ? new CandidateMask(low, high, options.smoothing().floorHu()) : null;
            short[] l = filter == null ? null : new short[n];
            short[] h = filter == null ? null : new short[n];
            for (int z = slab * slices / slabs; z < (slab + 1) * slices / slabs; z++) {
                byte[] candidates = window == null ? null : window.slice(z);
                if (filter != null) {
                    filter.slice(low, high, candidates, z, l, h);
                }
                short[] lz = filter == null ? low.slices()[z] : l;
                short[] hz = filter == null ? high.slices()[z] : h;
                byte[] out = new byte[n];
                switch (options.method()) {
                    case RATIO -> RatioRuleKernel.classify(lz, hz, out, n, ratio.lowMinHu(), ratio.lowMaxHu(), cutoff);
                    case TWO_MATERIAL -> TwoMaterialKernel.classify(lz, hz, out, n, candidates, basis, minUrate, minHa);
                    case THREE_MATERIAL -> ThreeMaterialKernel.classify(lz, hz, out, n, candidates, triangle, minUrate, minHa);
                }
                labels[z] = out;
                progress.progress("decompose", done.incrementAndGet(), slices);
            }
        });
        return labels;
    }

    /** Slabs per thread: enough that uneven slices even out, few enough that the window's edge slices cost little. */
    private static final int SLABS_PER_THREAD = 4;

    private static long lap(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
