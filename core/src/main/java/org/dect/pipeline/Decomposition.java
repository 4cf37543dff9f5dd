package org.dect.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.dect.InputException;
import org.dect.Parallel;
import org.dect.ProgressListener;
import org.dect.decompose.LabelCounts;
import org.dect.decompose.NoiseModel;
import org.dect.decompose.Preset;
import org.dect.decompose.Presets;
import org.dect.decompose.RatioRuleKernel;
import org.dect.decompose.ScanCalibration;
import org.dect.decompose.ScannerCheck;
import org.dect.decompose.Sharpness;
import org.dect.decompose.ThreeMaterialKernel;
import org.dect.decompose.TissueReferences;
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
 * From a pair of HU volumes to labelled voxels and measured deposits: choose the preset and adapt it to
 * the scan's references, smooth, classify every voxel with the chosen method (slices in parallel) while
 * the scan's noise is measured, drop artefact-prone urate calls, group voxels into deposits, judge them
 * against the noise and measure them.
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
        TissueReferences references = TissueReferences.measure(lowInput, highInput);
        ScannerCheck check = ScannerCheck.of(references, preset);
        if (check.refusal() != null) {
            throw new InputException("The scan cannot be decomposed: " + check.refusal()
                    + ". Check that the series are CT images exported with their rescale, or choose them with --low/--high.");
        }
        DecompositionOptions.InScan inScan = options.inScan();
        ScanCalibration calibration = inScan.calibrate() ? ScanCalibration.of(references, preset) : ScanCalibration.none(preset);
        List<String> warnings = new ArrayList<>(inScan.calibrate() ? calibration.warnings() : check.warnings());
        notes.addAll(calibration.adjustments());
        Preset used = calibration.preset();
        timings.put("references", lap(t));
        t = System.nanoTime();
        // Noise and sharpness are measured on a thread of their own beside the classification, which needs neither.
        byte[][] labels;
        NoiseModel noise;
        Sharpness sharpness;
        try (Parallel.Background<Object[]> measuring = Parallel.start(() -> inScan.depositTest()
                ? new Object[] {NoiseModel.estimate(lowInput, highInput, references.softTissue()),
                    Sharpness.estimate(lowInput, references.air(), references.softTissue())}
                : new Object[] {null, null})) {
            labels = classify(lowInput, highInput, used, TwoMaterialBasis.of(used), options, progress);
            Object[] measured = measuring.join();
            noise = (NoiseModel) measured[0];
            sharpness = (Sharpness) measured[1];
        }
        if (inScan.depositTest() && noise == null) {
            warnings.add("too little homogeneous soft tissue to measure the scan's noise: deposits are kept by fixed rules, "
                    + "measured by their voxels, and have no interval");
        }
        timings.put("smooth_and_classify", lap(t));
        t = System.nanoTime();

        DecompositionOptions.LesionRules rules = options.lesions();
        // Where the scan shows how far it blurs, the blur is the zone around cortex where partial volume mimics urate.
        double boneMargin = sharpness != null && Double.isFinite(sharpness.inPlaneFwhmMm()) && rules.boneMarginMm() > 0
                ? Math.max(rules.boneMarginMm(), sharpness.inPlaneFwhmMm()) : rules.boneMarginMm();
        int boneSlices = sharpness == null ? 1
                : Math.max(1, (int) Math.ceil(sharpness.sliceSigmaMm() * Sharpness.FWHM_PER_SIGMA / lowInput.geometry().sliceSpacing()));
        long excluded = Exclusions.apply(labels, lowInput, rules.skinRimMm(), boneMargin, boneSlices, options.threads());
        if (excluded > 0) {
            notes.add(String.format(Locale.ROOT, "%d urate voxel(s) excluded within %.1f mm of the skin or %.2f mm of cortical bone",
                    excluded, rules.skinRimMm(), boneMargin));
        }
        timings.put("exclusions", lap(t));
        t = System.nanoTime();
        Quantification q = LesionMeasurer.measure(labels, lowInput, highInput, used, noise, sharpness, references.fat(),
                rules.measurerRules(), options.threads());
        if (q.noiseClusters() > 0) {
            notes.add(q.noiseClusters() + " labelled cluster(s) dropped as noise by the deposit test or as the blur of a bone's edge");
        }
        timings.put("lesions", lap(t));
        t = System.nanoTime();
        LabelCounts counts = LabelCounts.of(labels, options.threads());
        timings.put("counts", lap(t));
        return new DecompositionResult(options, used, labels, counts, q, check, calibration, noise, sharpness, List.copyOf(warnings),
                List.copyOf(notes), timings);
    }

    /**
     * Labels every voxel, finding candidates and smoothing a slice just before classifying it (neither
     * a candidate mask nor a smoothed copy of the volumes is ever whole); the amount methods only look
     * at candidates. Work goes in contiguous slabs of slices, several per thread so that the threads
     * finish together, each slab rolling its candidate window along z and reusing its buffers.
     */
    private static byte[][] classify(HuVolume low, HuVolume high, Preset preset, TwoMaterialBasis basis,
                                     DecompositionOptions options, ProgressListener progress) {
        // The candidate floor is above the background the amounts are measured against: water for a
        // preset as it is (the floor as given), the scan's soft tissue for an adapted one.
        int floor = (int) Math.round(options.smoothing().floorHu() + (preset.background()[0] + preset.background()[1]) / 2);
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
            CandidateMask window = needsCandidates ? new CandidateMask(low, high, floor) : null;
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
