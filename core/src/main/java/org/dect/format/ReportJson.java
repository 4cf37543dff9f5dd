package org.dect.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dect.decompose.Labels;
import org.dect.decompose.NoiseModel;
import org.dect.decompose.Preset;
import org.dect.decompose.ScanCalibration;
import org.dect.lesion.DetectionLimit;
import org.dect.lesion.Lesion;
import org.dect.lesion.Quantification;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.SeriesInfo;
import org.dect.volume.VolumeGeometry;

/**
 * The run as one JSON-ready tree (maps, lists, numbers, strings): the figures a researcher puts in a
 * spreadsheet first ({@code urate_volume_ml}, {@code calcium_volume_ml}), then the lesions, the
 * inputs, the method, preset and every parameter, so that a result can be traced and repeated.
 */
public final class ReportJson {

    private ReportJson() { }

    public static Map<String, Object> of(DualEnergyVolumes input, DecompositionResult result, String softwareVersion) {
        Map<String, Object> json = new LinkedHashMap<>();
        Quantification q = result.quantification();
        json.put("urate_volume_ml", q.urateVolumeMl());
        json.put("urate_volume_ml_ci95", finite(q.urate().ci95()));
        json.put("urate_voxel_volume_ml", q.urate().voxelVolumeMl());
        json.put("calcium_volume_ml", q.calciumVolumeMl());
        json.put("calcium_volume_ml_ci95", finite(q.calcium().ci95()));
        json.put("calcium_voxel_volume_ml", q.calcium().voxelVolumeMl());
        json.put("indeterminate_volume_ml", q.indeterminateVolumeMl());
        json.put("bone_volume_ml", q.boneVolumeMl());
        json.put("urate_lesions", q.count(Labels.URATE));
        json.put("calcium_lesions", q.count(Labels.CALCIUM));
        json.put("indeterminate_lesions", q.count(Labels.INDETERMINATE));
        json.put("urate_detection_limit", detectionLimit(q.detectionLimit()));
        json.put("lesions", lesions(q.lesions()));
        json.put("inputs", inputs(input));
        json.put("method", result.options().method().label);
        json.put("preset", preset(result.preset()));
        json.put("parameters", parameters(result.options()));
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("air_hu", finite(result.scannerCheck().measured().air()));
        check.put("soft_tissue_hu", finite(result.scannerCheck().measured().softTissue()));
        check.put("fat_hu", finite(result.scannerCheck().measured().fat()));
        check.put("cortical_bone_hu", finite(result.scannerCheck().measured().corticalBone()));
        check.put("warnings", result.scannerCheck().warnings());
        json.put("scanner_check", check);
        json.put("scan_calibration", calibration(result.calibration()));
        json.put("noise", noise(result.noise()));
        json.put("warnings", result.warnings());
        json.put("notes", result.notes());
        json.put("software", Map.of("name", "dect", "version", softwareVersion,
                "java", System.getProperty("java.version")));
        json.put("timings_ms", result.timingsMs());
        return json;
    }

    /** JSON has no NaN: values that were not measured become null. */
    private static List<Double> finite(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) {
            out.add(Double.isFinite(v) ? v : null);
        }
        return out;
    }

    /** The smallest urate deposit the scan could show: what a scan without urate could still hold. */
    private static Map<String, Object> detectionLimit(DetectionLimit d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("volume_ml", finiteOrNull(d.volumeMl()));
        m.put("diameter_mm", finiteOrNull(d.diameterMm()));
        m.put("at_urate_percent", d.percent());
        return m;
    }

    private static Map<String, Object> calibration(ScanCalibration c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("applied", !c.adjustments().isEmpty());
        m.put("gain", List.of(c.gain()[0], c.gain()[1]));
        m.put("background_hu", List.of(c.preset().background()[0], c.preset().background()[1]));
        m.put("cortical_bone_ratio", finite(c.boneRatio()));
        m.put("calcium_ratio", finite(c.calciumRatio()));
        m.put("adjustments", c.adjustments());
        m.put("warnings", c.warnings());
        return m;
    }

    /** The scan's noise as measured in its soft tissue; null when it could not be. */
    private static Map<String, Object> noise(NoiseModel n) {
        if (n == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sd_hu", List.of(n.sigmaLow(), n.sigmaHigh()));
        m.put("energy_correlation", n.energyCorrelation());
        m.put("correlated_voxels", n.correlatedVoxels());
        m.put("patches", n.patches());
        return m;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    public static List<Map<String, Object>> lesions(List<Lesion> lesions) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Lesion l : lesions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.put("material", l.materialName());
            m.put("voxels", l.voxels());
            m.put("volume_ml", l.volumeMl());
            m.put("volume_ml_ci95", finite(l.volumeCi95Ml()));
            m.put("voxel_volume_ml", l.voxelVolumeMl());
            m.put("centroid_mm", List.of(l.centroidMm()[0], l.centroidMm()[1], l.centroidMm()[2]));
            m.put("bbox_min", List.of(l.boxMin()[0], l.boxMin()[1], l.boxMin()[2]));
            m.put("bbox_max", List.of(l.boxMax()[0], l.boxMax()[1], l.boxMax()[2]));
            m.put("mean_hu_low", l.meanLow());
            m.put("mean_hu_high", l.meanHigh());
            m.put("mean_ratio", l.meanRatio());
            m.put("mean_urate_percent", l.meanUrate());
            m.put("mean_ha_mg_cm3", l.meanHa());
            m.put("detection_z", finiteOrNull(l.detectionZ()));
            m.put("material_z", finiteOrNull(l.materialZ()));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> inputs(DualEnergyVolumes input) {
        VolumeGeometry g = input.low().geometry();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("low", series(input.pair().low()));
        m.put("high", series(input.pair().high()));
        m.put("slices", g.slices());
        m.put("rows", g.rows());
        m.put("columns", g.columns());
        m.put("pixel_spacing_mm", List.of(g.rowSpacing(), g.columnSpacing()));
        m.put("slice_spacing_mm", g.sliceSpacing());
        m.put("pair_notes", input.pair().notes());
        return m;
    }

    private static Map<String, Object> series(SeriesInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("series_uid", s.seriesUid());
        m.put("study_uid", s.studyUid());
        m.put("kvp", s.kvp());
        m.put("filter", s.filter());
        m.put("kernel", s.kernel());
        m.put("description", s.description());
        m.put("folder", String.valueOf(s.folder()));
        return m;
    }

    public static Map<String, Object> preset(Preset p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("source", p.source());
        m.put("urate_hu_per_percent", List.of(p.urateHuPerPercent()[0], p.urateHuPerPercent()[1]));
        m.put("ha_hu_per_mg_cm3", List.of(p.haHuPerMgCm3()[0], p.haHuPerMgCm3()[1]));
        m.put("background_hu", List.of(p.background()[0], p.background()[1]));
        m.put("urate_ratio", p.urateRatio());
        m.put("calcium_ratio", p.calciumRatio());
        m.put("ratio_cutoff", p.ratioCutoff());
        return m;
    }

    public static Map<String, Object> parameters(DecompositionOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ratio_window_hu", List.of(o.ratio().lowMinHu(), o.ratio().lowMaxHu()));
        m.put("ratio_cutoff", Double.isNaN(o.ratio().cutoff()) ? "preset" : o.ratio().cutoff());
        m.put("min_urate_percent", o.thresholds().minUratePercent());
        m.put("min_ha_mg_cm3", o.thresholds().minHaMgCm3());
        m.put("smoothing", o.smoothing().enabled());
        m.put("smoothing_range_sigma_hu", o.smoothing().rangeSigmaHu());
        m.put("candidate_floor_hu", o.smoothing().floorHu());
        m.put("min_lesion_voxels", o.lesions().minVoxels());
        m.put("min_lesion_mm3", o.lesions().minMm3());
        m.put("skin_rim_mm", o.lesions().skinRimMm());
        m.put("bone_margin_mm", o.lesions().boneMarginMm());
        m.put("min_urate_mean_low_hu", o.lesions().minUrateMeanLowHu());
        m.put("scan_calibration", o.inScan().calibrate());
        m.put("deposit_test", o.inScan().depositTest());
        m.put("detection_z", o.lesions().detectionZ());
        m.put("material_z", o.lesions().materialZ());
        m.put("threads", o.threads());
        return m;
    }
}
