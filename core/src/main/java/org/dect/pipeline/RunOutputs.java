package org.dect.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

import org.dect.Json;
import org.dect.OutputException;
import org.dect.Parallel;
import org.dect.ProgressListener;
import org.dect.decompose.LabelCounts;
import org.dect.decompose.Labels;
import org.dect.decompose.TwoMaterialBasis;
import org.dect.dicom.write.AlgorithmInfo;
import org.dect.dicom.write.Codes;
import org.dect.dicom.write.DerivedSeriesSpec;
import org.dect.dicom.write.FusedSeriesWriter;
import org.dect.dicom.write.MapSeriesWriter;
import org.dect.dicom.write.MeasurementReportWriter;
import org.dect.dicom.write.OverlaySeriesWriter;
import org.dect.dicom.write.SegmentDescription;
import org.dect.dicom.write.SegmentationWriter;
import org.dect.dicom.write.SourceSeries;
import org.dect.dicom.write.UidSource;
import org.dect.format.HtmlReport;
import org.dect.format.LesionsCsv;
import org.dect.format.ReportJson;
import org.dect.lesion.Lesion;
import org.dect.lesion.Quantification;
import org.dect.render.Colours;
import org.dect.render.Fusion;
import org.dect.render.Montage;
import org.dect.render.ScatterPlot;
import org.dect.render.SliceThumbnails;
import org.dect.study.DualEnergyVolumes;

/**
 * Writes what a run produced into a folder (the caller stages it); series numbers from the options'
 * base b ({@link OutputOptions#seriesNumberBase}):
 * <pre>
 * fused/IM0001.dcm …       RGB Secondary Capture, one per source slice   (series b + 1)
 * seg/segmentation.dcm     binary DICOM SEG, a segment per material and per deposit (series b + 2)
 * sr/measurements.dcm      with the SEG: TID 1500 measurement report of the deposits (series b + 6)
 * overlay/IM0001.dcm …     CT with overlay planes 6000 / 6002            (series b + 3)
 * maps/urate, maps/ha      amounts per voxel with Real World Value Mapping (series b + 4, b + 5)
 * report.json, lesions.csv, montage.png, scatter.png
 * </pre>
 */
public final class RunOutputs {

    static final int FUSED_SERIES = 1;
    static final int SEG_SERIES = 2;
    static final int OVERLAY_SERIES = 3;
    static final int URATE_MAP_SERIES = 4;
    static final int HA_MAP_SERIES = 5;
    static final int SR_SERIES = 6;

    private RunOutputs() { }

    /** Writes the chosen outputs into {@code dir}; returns what was written, as report.json lists it. */
    public static Map<String, Object> write(DualEnergyVolumes volumes, DecompositionResult result, OutputOptions out, Path dir,
                                            int threads, ProgressListener progress) {
        Set<OutputKind> kinds = out.kinds();
        Fusion fusion = out.fusion();
        String version = out.softwareVersion();
        int base = out.seriesNumberBase();
        UidSource uids = new UidSource(out.uidSeed());
        Map<String, Object> written = new LinkedHashMap<>();
        byte[][] labels = result.labels();
        Fusion.Painter painter = fusion.painter();
        IntFunction<byte[]> rgb = z -> painter.slice(volumes.low().slices()[z], volumes.high().slices()[z], labels[z]);
        // The report's pictures are drawn by one thread: beside the series, which keep every core busy,
        // rather than after them, with the other cores idle. It starts first, so that re-reading the
        // source header overlaps it.
        try (Parallel.Background<Void> pictures = kinds.contains(OutputKind.REPORT)
                ? Parallel.start(() -> writePictures(volumes, result, rgb, dir)) : null) {
            SourceSeries source = SourceSeries.of(volumes.lowSlices(), volumes.highSlices(), volumes.low().geometry());
            String what = String.format(Locale.ROOT, "%s, %s", result.options().method().label, result.preset().name());
            String derivation = derivation(volumes, result, version);
            if (kinds.contains(OutputKind.FUSED)) {
                Path folder = mkdirs(dir.resolve("fused"));
                String uid = FusedSeriesWriter.write(source, rgb, new DerivedSeriesSpec(base + FUSED_SERIES,
                        "DECT urate/calcium (" + what + ")", derivation, version, uids.scope("fused")), folder, threads, progress);
                written.put("fused", Map.of("folder", "fused", "series_uid", uid, "series_number", base + FUSED_SERIES, "images", labels.length));
            }
            if (kinds.contains(OutputKind.SEG)) {
                Path folder = mkdirs(dir.resolve("seg"));
                List<SegmentDescription> segments = segments(result.labelCounts(), result.quantification());
                if (segments.isEmpty()) {
                    written.put("seg", Map.of("skipped", "no urate or calcium voxels: a segmentation needs at least one segment"));
                } else {
                    AlgorithmInfo algorithm = new AlgorithmInfo("dect " + result.options().method().label, version,
                            AlgorithmInfo.parameters(ReportJson.parameters(result.options())));
                    SegmentationWriter.Written seg = SegmentationWriter.write(source, labels, result.labelCounts(), segments, algorithm,
                            new DerivedSeriesSpec(base + SEG_SERIES, "DECT SEG urate/calcium (" + what + ")", derivation, version, uids.scope("seg")),
                            folder.resolve("segmentation.dcm"));
                    written.put("seg", Map.of("file", "seg/segmentation.dcm", "series_uid", seg.seriesUid(), "series_number",
                            base + SEG_SERIES, "segments", segments.stream().map(SegmentDescription::name).toList()));
                    String sr = MeasurementReportWriter.write(source, result.quantification(),
                            new MeasurementReportWriter.SegReference(seg.seriesUid(), seg.sopInstanceUid(), segments),
                            volumes.pair().low().kvp(), volumes.pair().high().kvp(),
                            new DerivedSeriesSpec(base + SR_SERIES, "DECT measurements urate/calcium (" + what + ")", derivation, version, uids.scope("sr")),
                            mkdirs(dir.resolve("sr")).resolve("measurements.dcm"));
                    written.put("sr", Map.of("file", "sr/measurements.dcm", "series_uid", sr, "series_number", base + SR_SERIES,
                            "template", "TID 1500"));
                }
            }
            if (kinds.contains(OutputKind.OVERLAY)) {
                Path folder = mkdirs(dir.resolve("overlay"));
                List<OverlaySeriesWriter.Plane> planeList = new ArrayList<>(List.of(
                    new OverlaySeriesWriter.Plane(Labels.URATE, "URATE", "Monosodium urate (" + what + ")"),
                    new OverlaySeriesWriter.Plane(Labels.CALCIUM, "CALCIUM", "Calcium deposits (" + what + ")")));
                Map<String, String> planeNames = new LinkedHashMap<>(Map.of("6000", "urate", "6002", "calcium"));
                if (result.labelCounts().total(Labels.INDETERMINATE) > 0) {
                    planeList.add(new OverlaySeriesWriter.Plane(Labels.INDETERMINATE, "INDETERMINATE",
                            "Deposits between urate and calcium (" + what + ")"));
                    planeNames.put("6004", "indeterminate");
                }
                OverlaySeriesWriter.Plane[] planes = planeList.toArray(new OverlaySeriesWriter.Plane[0]);
                String uid = OverlaySeriesWriter.write(source, volumes.low().slices(), labels, result.labelCounts(), planes, volumes.pair().low().kvp(),
                        new DerivedSeriesSpec(base + OVERLAY_SERIES, "DECT overlay urate/calcium (" + what + ")", derivation, version, uids.scope("overlay")),
                        folder, threads, progress);
                written.put("overlay", Map.of("folder", "overlay", "series_uid", uid, "series_number", base + OVERLAY_SERIES,
                        "planes", planeNames));
            }
            if (kinds.contains(OutputKind.MAPS)) {
                written.put("maps", writeMaps(source, volumes, result, derivation, version, base, uids, dir, threads, progress));
            }
            if (kinds.contains(OutputKind.NIFTI)) {
                written.put("nifti", NiftiOutputs.write(volumes, result, what, dir.resolve("nifti")));
            }
        }
        if (kinds.contains(OutputKind.REPORT)) {
            written.put("report", Map.of("json", "report.json", "html", "report.html", "csv", "lesions.csv", "montage", "montage.png",
                    "scatter", "scatter.png"));
            Map<String, Object> report = ReportJson.of(volumes, result, version);
            report.put("outputs", written);
            try {
                Json.write(report, dir.resolve("report.json"));
                HtmlReport.write(report, Files.readAllBytes(dir.resolve("montage.png")), Files.readAllBytes(dir.resolve("scatter.png")),
                        SliceThumbnails.of(volumes.low(), volumes.high(), labels, result.labelCounts(), fusion, threads),
                        busiestSlice(result.labelCounts(), labels.length),
                        dir.resolve("report.html"));
            } catch (IOException e) {
                throw new OutputException("Cannot write the report: " + e.getMessage(), e);
            }
        }
        return written;
    }

    /** The slice with the most urate; without urate, the most indeterminate, then the most calcium: what the page opens on. */
    static int busiestSlice(LabelCounts counts, int slices) {
        int best = 0;
        long most = -1;
        for (byte label : new byte[] {Labels.URATE, Labels.INDETERMINATE, Labels.CALCIUM}) {
            for (int z = 0; z < slices; z++) {
                if (counts.inSlice(z, label) > most) {
                    most = counts.inSlice(z, label);
                    best = z;
                }
            }
            if (most > 0) {
                return best;
            }
        }
        return best;
    }

    /** lesions.csv, the montage and the scatter plot. */
    private static void writePictures(DualEnergyVolumes volumes, DecompositionResult result, IntFunction<byte[]> rgb, Path dir) {
        LesionsCsv.write(result.quantification(), dir.resolve("lesions.csv"));
        Montage.write(rgb, result.labelCounts(), volumes.low().geometry(), dir.resolve("montage.png"));
        double cutoff = Double.isNaN(result.options().ratio().cutoff()) ? result.preset().ratioCutoff() : result.options().ratio().cutoff();
        ScatterPlot.write(volumes.low(), volumes.high(), result.labels(), result.preset(), result.options().method(), cutoff,
                dir.resolve("scatter.png"));
    }

    /**
     * The amounts of every voxel ({@link MaterialAmounts}), urate in steps of 0.1 % w/w and HA in steps
     * of 0.5 mg/cm³. The description says what they are: two-material and unsmoothed, whatever method
     * labelled the voxels.
     */
    private static Map<String, Object> writeMaps(SourceSeries source, DualEnergyVolumes volumes, DecompositionResult result,
                                                 String derivation, String version, int base, UidSource uids, Path dir, int threads,
                                                 ProgressListener progress) {
        TwoMaterialBasis basis = TwoMaterialBasis.of(result.preset());
        String what = "two-material, unsmoothed, " + result.preset().name();
        Map<String, Object> maps = new LinkedHashMap<>();
        for (boolean urate : new boolean[] {true, false}) {
            String name = urate ? "urate" : "ha";
            Path folder = mkdirs(dir.resolve("maps").resolve(name));
            MapSeriesWriter.Quantity q = urate
                    ? new MapSeriesWriter.Quantity("URATE", "Monosodium urate, % w/w equivalent", Codes.PERCENT, 0.1, "PCT", 35, 90)
                    : new MapSeriesWriter.Quantity("HA", "Hydroxyapatite, mg/cm3 equivalent", Codes.MG_PER_CM3, 0.5, "MGML", 250, 600);
            int number = base + (urate ? URATE_MAP_SERIES : HA_MAP_SERIES);
            String uid = MapSeriesWriter.write(source, z -> MaterialAmounts.of(volumes, basis, z, urate), q, new DerivedSeriesSpec(number,
                    "DECT " + (urate ? "urate % w/w" : "HA mg/cm3") + " map (" + what + ")", derivation,
                    version, uids.scope("maps/" + name)), folder, threads, progress);
            maps.put(name, Map.of("folder", "maps/" + name, "series_uid", uid, "series_number", number, "unit", q.unit().value(),
                    "step", q.step()));
        }
        return maps;
    }

    /**
     * The segments present in the labels: Uric acid, Calcium, then the deposits between them, each
     * described with its burden as report.json gives it.
     */
    static List<SegmentDescription> segments(LabelCounts counts, Quantification q) {
        List<SegmentDescription> out = new ArrayList<>();
        if (counts.total(Labels.URATE) > 0) {
            out.add(new SegmentDescription(out.size() + 1, Labels.URATE, "Uric acid",
                    "Monosodium urate deposits (gout): " + burden(q.urate(), q.count(Labels.URATE)),
                    Codes.SUBSTANCE, Codes.URIC_ACID, Colours.cieLab(Colours.URATE)));
        }
        if (counts.total(Labels.CALCIUM) > 0) {
            out.add(new SegmentDescription(out.size() + 1, Labels.CALCIUM, "Calcium",
                    "Calcium (hydroxyapatite) deposits, bone excluded: " + burden(q.calcium(), q.count(Labels.CALCIUM)),
                    Codes.SUBSTANCE, Codes.CALCIUM, Colours.cieLab(Colours.CALCIUM)));
        }
        if (counts.total(Labels.INDETERMINATE) > 0) {
            out.add(new SegmentDescription(out.size() + 1, Labels.INDETERMINATE, "Indeterminate deposit",
                    String.format(Locale.ROOT, "Deposits the scan's noise leaves between urate and calcium, counted in neither: %.3f mL in %d",
                            q.indeterminateVolumeMl(), q.count(Labels.INDETERMINATE)),
                    Codes.MORPHOLOGICALLY_ABNORMAL_STRUCTURE, Codes.LESION, Colours.cieLab(Colours.INDETERMINATE)));
        }
        // Then one segment per deposit, which the measurement report's groups refer to (TID 1411).
        for (Lesion l : q.lesions()) {
            boolean urate = l.material() == Labels.URATE;
            boolean calcium = l.material() == Labels.CALCIUM;
            out.add(new SegmentDescription(out.size() + 1, l.material(), String.format(Locale.ROOT, "%s deposit %d",
                    urate ? "Urate" : calcium ? "Calcium" : "Indeterminate", l.id()),
                    depositText(l),
                    urate || calcium ? Codes.SUBSTANCE : Codes.MORPHOLOGICALLY_ABNORMAL_STRUCTURE,
                    urate ? Codes.URIC_ACID : calcium ? Codes.CALCIUM : Codes.LESION,
                    Colours.cieLab(urate ? Colours.URATE : calcium ? Colours.CALCIUM : Colours.INDETERMINATE), l.voxelSet()));
        }
        return out;
    }

    /** "0.412 mL (95 % interval 0.398-0.426) in 6 lesions; voxels labelled 0.431 mL". */
    private static String depositText(Lesion l) {
        double[] ci = l.volumeCi95Ml();
        return String.format(Locale.ROOT, "Deposit %d: %.4f mL%s; voxels labelled %.4f mL", l.id(), l.volumeMl(),
                Double.isNaN(ci[0]) ? "" : String.format(Locale.ROOT, " (95 %% interval %.4f-%.4f)", ci[0], ci[1]), l.voxelVolumeMl());
    }

    private static String burden(Quantification.Burden b, long lesions) {
        double[] ci = b.ci95();
        return String.format(Locale.ROOT, "%.3f mL%s in %d lesion(s); voxels labelled %.3f mL", b.volumeMl(),
                Double.isNaN(ci[0]) ? "" : String.format(Locale.ROOT, " (95 %% interval %.3f-%.3f)", ci[0], ci[1]), lesions, b.voxelVolumeMl());
    }

    /**
     * Derivation Description: how the series was made, and from which two series. The SEG refers to
     * the low-kVp series only (a viewer attaches it to one series), so this is where it names the other.
     */
    private static String derivation(DualEnergyVolumes v, DecompositionResult r, String version) {
        DecompositionOptions o = r.options();
        return String.format(Locale.ROOT,
                "dect %s dual-energy decomposition: %s, preset %s (%s); smoothing %s; min urate %.1f %% w/w, min HA %.0f mg/cm3; "
                        + "min lesion %.1f mm3; %s; from low %s (series %s) and high %s (series %s)",
                version, o.method().label, r.preset().name(), r.preset().source(), o.smoothing().enabled() ? "on" : "off",
                o.thresholds().minUratePercent(), o.thresholds().minHaMgCm3(), o.lesions().minMm3(),
                r.noise() == null ? "deposits kept by fixed rules"
                        : String.format(Locale.ROOT, "deposits tested against the scan's noise (detection z %.2f, material z %.2f)",
                                o.lesions().detectionZ(), o.lesions().materialZ()),
                v.pair().low().energyLabel(), v.pair().low().seriesUid(), v.pair().high().energyLabel(), v.pair().high().seriesUid());
    }

    private static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new OutputException("Cannot create " + p + ": " + e.getMessage(), e);
        }
    }
}
