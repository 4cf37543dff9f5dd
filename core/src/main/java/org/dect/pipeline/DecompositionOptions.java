package org.dect.pipeline;

import org.dect.decompose.Method;
import org.dect.decompose.Preset;
import org.dect.lesion.LesionMeasurer;

/**
 * Every choice a decomposition run makes, in one place, so the report can list them all.
 *
 * @param preset      the preset to use; null to choose from KVP and filter
 * @param ratio       settings of the ratio rule
 * @param thresholds  per-voxel thresholds of the two- and three-material methods
 * @param smoothing   noise reduction before classification
 * @param lesions     exclusions, minimum lesion size and the deposit test's thresholds
 * @param inScan      what is estimated from the scan itself
 * @param threads     worker threads
 */
public record DecompositionOptions(Method method, Preset preset, RatioRule ratio, Thresholds thresholds,
                                   Smoothing smoothing, LesionRules lesions, InScan inScan, int threads) {

    /**
     * @param calibrate   adapt the preset to the scan's air, soft tissue and cortical bone
     *                    ({@link org.dect.decompose.ScanCalibration})
     * @param depositTest measure the scan's noise and judge every deposit against it, and measure volumes
     *                    with partial volume ({@link org.dect.lesion.DepositStatistics}); off, deposits are kept
     *                    by the fixed rules of {@link LesionRules} and measured by their voxels
     */
    public record InScan(boolean calibrate, boolean depositTest) {
        public static final InScan ON = new InScan(true, true);
        public static final InScan OFF = new InScan(false, false);
    }

    /**
     * @param lowMinHu low-kVp HU window start: 150 clinically established, 120 modified (Klauser 2023)
     * @param lowMaxHu window end: 500
     * @param cutoff   DE ratio cut-off; NaN for the preset's, halfway between the urate and calcium lines
     */
    public record RatioRule(int lowMinHu, int lowMaxHu, double cutoff) {
        public static final RatioRule CLINICAL = new RatioRule(150, 500, Double.NaN);
    }

    /**
     * Amount thresholds. 8 % w/w urate is about half of the faintest deposit the phantoms hold (15 %)
     * and four noise SDs of the smoothed urate map; 30 mg/cm³ HA is well below the faintest calcinosis
     * (50 mg/cm³) and far above what urate shows (|c| &lt; 2 mg/cm³ at 15–60 % w/w).
     */
    public record Thresholds(double minUratePercent, double minHaMgCm3) {
        public static final Thresholds DEFAULT = new Thresholds(8, 30);

        /** Above 0, since 0 would call every voxel denser than the background; at most the pure materials. */
        public Thresholds {
            if (!(minUratePercent > 0 && minUratePercent <= 100)) {
                throw new IllegalArgumentException("the urate threshold must be above 0 and at most 100 % w/w; got " + minUratePercent);
            }
            if (!(minHaMgCm3 > 0 && minHaMgCm3 <= 1000)) {
                throw new IllegalArgumentException("the HA threshold must be above 0 and at most 1000 mg/cm³; got " + minHaMgCm3);
            }
        }
    }

    /**
     * @param rangeSigmaHu range SD of the joint bilateral filter: about 2.5 × the noise of the mixed image
     * @param floorHu      3×3×3 mean mixed HU below which a voxel is no candidate ({@link org.dect.lesion.CandidateMask});
     *                     applies to the amount methods whether or not smoothing is on
     */
    public record Smoothing(boolean enabled, double rangeSigmaHu, int floorHu) {
        public static final Smoothing DEFAULT = new Smoothing(true, 30, 25);
        public static final Smoothing OFF = new Smoothing(false, 30, 25);
    }

    /**
     * @param minMm3        smaller deposits are dropped: 1 mm³ (8 voxels of 0.47×0.47×0.6 mm) removes noise
     *                      specks; patients' coloured lesions have a median of 6 voxels at 0.5–0.75 mm
     *                      voxels, about 2 mm³ (Christiansen et al. 2020)
     * @param skinRimMm     urate calls this close to the skin surface are dropped (nail bed, skin artefacts)
     * @param boneMarginMm  urate calls this close to cortical bone are dropped (partial volume at the cortex)
     * @param minUrateMeanLowHu without the deposit test: urate deposits whose mean low-kVp HU is below this
     *                      are dropped (the faintest tophus of interest, 15 % w/w, reads 66 HU, soft tissue about −15)
     * @param detectionZ    with it: deposits less than this many SDs of noise above soft tissue are noise
     * @param materialZ         and those less than this many SDs on their side of the urate/calcium boundary are
     *                      indeterminate
     */
    public record LesionRules(long minVoxels, double minMm3, double skinRimMm, double boneMarginMm, double minUrateMeanLowHu,
                              double detectionZ, double materialZ) {
        /**
         * The deposit test's thresholds. A scan holds tens of thousands of independent noise
         * neighbourhoods, and the labels have already picked the places where the noise rose, so the
         * z of a noise cluster is not a standard normal: in a hundred scans of soft tissue and noise
         * alone at SDs of 45/27 HU (half as much again as the noisiest phantom) the clusters reach 6.4.
         * DETECTION_Z is 7, and LesionMeasurerTest holds the hundred scans to none kept. The faintest,
         * smallest tophi of the phantoms stand 9 or more above soft tissue, calcium nodules of 1 mm 5 or
         * more: the threshold costs only the latter. MATERIAL_Z is one-sided 99.9 %: a deposit kept as
         * urate lies off the calcium line on urate's side with that confidence, and so for calcium. A
         * scan holds up to fifty deposits, most of them calcium on a calcinosis scan, and each is a
         * test: at 99 % (2.33) one small calcium nodule in a few hundred came out "urate" under the
         * phantoms' worst conditions (the README's table, all at once); at 99.9 % the chance of one
         * false urate deposit in a scan of fifty stays under 5 %. What it costs is the faintest tophi
         * against bone under a soft kernel, which are indeterminate, shown and counted as such.
         */
        public static final double DETECTION_Z = 7;
        public static final double MATERIAL_Z = 3.09;
        public static final LesionRules DEFAULT = new LesionRules(3, 1.0, 2.0, 0.5, 30, DETECTION_Z, MATERIAL_Z);

        public LesionMeasurer.Rules measurerRules() {
            return new LesionMeasurer.Rules(minVoxels, minMm3, minUrateMeanLowHu, detectionZ, materialZ);
        }
    }

    /**
     * The default for gout: three-material decomposition, the most accurate method on the phantoms
     * (README, "Accuracy"): its non-negativity constraint cuts the urate noise of soft-tissue voxels;
     * the preset adapted to the scan, every deposit judged against the scan's noise.
     */
    public static DecompositionOptions defaults() {
        return new DecompositionOptions(Method.THREE_MATERIAL, null, RatioRule.CLINICAL, Thresholds.DEFAULT,
                Smoothing.DEFAULT, LesionRules.DEFAULT, InScan.ON, Runtime.getRuntime().availableProcessors());
    }

    /** The default before the method learned from the scan: the preset as it is, deposits kept by fixed rules and measured by their voxels. */
    public static DecompositionOptions previousDefaults() {
        return defaults().withInScan(InScan.OFF);
    }

    /** The clinical ratio rule as workstations ship it: 150–500 HU, no smoothing, no exclusions, the preset as it is. */
    public static DecompositionOptions clinicalRatioRule() {
        return new DecompositionOptions(Method.RATIO, null, RatioRule.CLINICAL, Thresholds.DEFAULT,
                Smoothing.OFF, new LesionRules(1, 0, 0, 0, Double.NEGATIVE_INFINITY, LesionRules.DETECTION_Z, LesionRules.MATERIAL_Z),
                InScan.OFF, Runtime.getRuntime().availableProcessors());
    }

    public DecompositionOptions withMethod(Method m) {
        return new DecompositionOptions(m, preset, ratio, thresholds, smoothing, lesions, inScan, threads);
    }

    public DecompositionOptions withPreset(Preset p) {
        return new DecompositionOptions(method, p, ratio, thresholds, smoothing, lesions, inScan, threads);
    }

    public DecompositionOptions withRatio(RatioRule r) {
        return new DecompositionOptions(method, preset, r, thresholds, smoothing, lesions, inScan, threads);
    }

    public DecompositionOptions withThresholds(Thresholds t) {
        return new DecompositionOptions(method, preset, ratio, t, smoothing, lesions, inScan, threads);
    }

    public DecompositionOptions withSmoothing(Smoothing s) {
        return new DecompositionOptions(method, preset, ratio, thresholds, s, lesions, inScan, threads);
    }

    public DecompositionOptions withLesions(LesionRules l) {
        return new DecompositionOptions(method, preset, ratio, thresholds, smoothing, l, inScan, threads);
    }

    public DecompositionOptions withInScan(InScan i) {
        return new DecompositionOptions(method, preset, ratio, thresholds, smoothing, lesions, i, threads);
    }

    public DecompositionOptions withThreads(int t) {
        return new DecompositionOptions(method, preset, ratio, thresholds, smoothing, lesions, inScan, t);
    }
}
