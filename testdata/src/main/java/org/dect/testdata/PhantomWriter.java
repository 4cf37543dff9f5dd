package org.dect.testdata;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dect.Json;
import org.dect.OutputException;
import org.dect.ProgressListener;
import org.dect.dicom.write.Uids;
import org.dect.output.StagedOutputFolder;
import org.dect.testdata.Phantom.LesionTruth;

/**
 * Writes a phantom as a scanner would export it, plus its ground truth:
 * <pre>
 * OUT/low/*.dcm            low-kVp CT series, files named by SOP Instance UID
 * OUT/high/*.dcm           high-kVp CT series on the same grid
 * OUT/ground-truth.json    spec, urate_volume_ml, calcium_volume_ml, one entry per deposit
 * OUT/truth-labels.raw     uint8 per voxel (0 none, 1 urate, 2 calcium), x fastest, slices in
 *                          increasing patient z (the order a loader sorts them into)
 * </pre>
 */
public final class PhantomWriter {

    public static final String LOW_FOLDER = "low";
    public static final String HIGH_FOLDER = "high";
    public static final String TRUTH_JSON = "ground-truth.json";
    public static final String TRUTH_LABELS = "truth-labels.raw";
    /** ROI file of the calibration phantom, in the format 'dect calibrate --rois' reads. */
    public static final String CALIBRATION_ROIS = "calibration-rois.json";

    private PhantomWriter() { }

    /** Writes into {@code out}, atomically: nothing appears there unless everything was written. */
    public static void write(Phantom phantom, Path out, boolean overwrite, int threads, ProgressListener progress) {
        try (StagedOutputFolder folder = StagedOutputFolder.create(out, overwrite, List.of())) {
            writeInto(phantom, folder.path(), threads, progress);
            folder.commit();
        }
    }

    static void writeInto(Phantom phantom, Path dir, int threads, ProgressListener progress) {
        PhantomSpec spec = phantom.spec();
        KvpPair pair = spec.pair();
        String today = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
        StudyInfo study = new StudyInfo("DECT^Phantom^" + spec.scenario().name(), "PHANTOM-" + spec.seed(), Uids.newUid(),
                today, "120000", "1", "", Uids.newUid());
        String kernel = "Qr40";
        String part = spec.scenario() == Scenario.CALIBRATION ? "Phantom" : name(spec.anatomy());
        CtSeriesSpec low = new CtSeriesSpec(study, Uids.newUid(), 2, "DE " + part + " " + (int) pair.lowKvp + "kV " + kernel,
                pair.lowKvp, null, kernel);
        CtSeriesSpec high = new CtSeriesSpec(study, Uids.newUid(), 3, "DE " + part + " " + (pair.tinHigh ? "Sn" : "") + (int) pair.highKvp
                + "kV " + kernel, pair.highKvp, pair.tinHigh ? "TIN" : null, kernel);
        try {
            CtSeriesWriter writer = new CtSeriesWriter(threads, progress);
            Files.createDirectories(dir.resolve(LOW_FOLDER));
            Files.createDirectories(dir.resolve(HIGH_FOLDER));
            writer.write(low, phantom.low().geometry(), phantom.low().slices(), dir.resolve(LOW_FOLDER));
            writer.write(high, phantom.high().geometry(), phantom.high().slices(), dir.resolve(HIGH_FOLDER));
            try (OutputStream labels = Files.newOutputStream(dir.resolve(TRUTH_LABELS))) {
                for (byte[] slice : phantom.truth().labels()) {
                    labels.write(slice);
                }
            }
            Json.write(truthJson(phantom, low, high), dir.resolve(TRUTH_JSON));
            if (spec.scenario() == Scenario.CALIBRATION) {
                Json.write(calibrationRois(phantom), dir.resolve(CALIBRATION_ROIS));
            }
        } catch (IOException e) {
            throw new OutputException("Cannot write phantom into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String name(Anatomy a) {
        return a.name().charAt(0) + a.name().substring(1).toLowerCase();
    }

    /** One ROI per rod: 2.5 mm radius inside the 4 mm rod, all slices but the first and last. */
    private static Map<String, Object> calibrationRois(Phantom phantom) {
        List<Map<String, Object>> rois = new ArrayList<>();
        int slices = phantom.spec().slices();
        for (LesionTruth t : phantom.truth().lesions()) {
            Lesion l = t.lesion();
            Map<String, Object> roi = new LinkedHashMap<>();
            roi.put("centre_mm", List.of(l.shape().centre()[0], l.shape().centre()[1]));
            roi.put("radius_mm", 2.5);
            roi.put("slices", List.of(Math.min(2, slices), Math.max(1, slices - 1)));
            switch (l.material()) {
                case URATE -> roi.put("material", "urate");
                case CALCIUM -> roi.put("material", "ha");
                case SOFT_TISSUE -> roi.put("material", "soft_tissue");
                case FAT -> roi.put("material", "fat");
            }
            if (l.material() == Lesion.Material.URATE || l.material() == Lesion.Material.CALCIUM) {
                roi.put("concentration", l.concentration());
            }
            rois.add(roi);
        }
        // The water around the rods, between the rod circle and the wall.
        rois.add(new LinkedHashMap<>(Map.of("centre_mm", List.of(0.0, 0.0), "radius_mm", 8.0,
                "slices", List.of(Math.min(2, slices), Math.max(1, slices - 1)), "material", "water")));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("description", "ROIs of the dect calibration phantom; centre_mm is patient x, y (LPS); slices are 1-based, "
                + "counted in order of position along the slice normal");
        json.put("rois", rois);
        return json;
    }

    private static Map<String, Object> truthJson(Phantom phantom, CtSeriesSpec low, CtSeriesSpec high) {
        PhantomSpec spec = phantom.spec();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generator", "dect phantom");
        json.put("scenario", spec.scenario().name().toLowerCase());
        json.put("kvp_pair", spec.pair().label);
        json.put("seed", spec.seed());
        json.put("anatomy", spec.anatomy().name().toLowerCase());
        json.put("water_path_cm", spec.body().waterPathCm());
        json.put("soft_tissue_offset_hu", spec.body().softTissueOffsetHu());
        json.put("fat_offset_hu", spec.body().fatOffsetHu());
        json.put("size", List.of(spec.columns(), spec.rows(), spec.slices()));
        json.put("pixel_spacing_mm", spec.pixelMm());
        json.put("slice_spacing_mm", PhantomSpec.SLICE_SPACING_MM);
        json.put("noise_hu", Map.of("low", spec.noiseLow(), "high", spec.noiseHigh()));
        json.put("resolution_fwhm_mm", Map.of("in_plane", spec.resolution().inPlaneFwhmMm(), "slice", spec.resolution().sliceFwhmMm()));
        json.put("low_series_uid", low.seriesUid());
        json.put("high_series_uid", high.seriesUid());
        json.put("urate_volume_ml", phantom.truth().urateVolumeMl());
        json.put("calcium_volume_ml", phantom.truth().calciumVolumeMl());
        json.put("labels", Map.of("file", TRUTH_LABELS, "dtype", "uint8", "order", "x fastest, then y, then slices by increasing z",
                "values", Map.of("0", "none", "1", "urate", "2", "calcium")));
        List<Map<String, Object>> lesions = new ArrayList<>();
        for (LesionTruth t : phantom.truth().lesions()) {
            Lesion l = t.lesion();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.put("material", l.material().name().toLowerCase());
            if (l.material() == Lesion.Material.URATE || l.material() == Lesion.Material.CALCIUM) {
                m.put(l.material() == Lesion.Material.URATE ? "msu_percent_w_w" : "ha_mg_per_cm3", l.concentration());
            }
            m.put("site", l.site());
            m.put("shape", l.shape() instanceof Shell ? "shell" : "ellipsoid");
            double[] c = l.shape().centre();
            double[] placed = phantom.spec().change().place(c[0], c[1]); // where the scan shows it
            m.put("centre_mm", new double[] {placed[0], placed[1], c[2]});
            m.put("radii_mm", l.shape().radii());
            if (l.shape() instanceof Shell shell) {
                m.put("inner_radii_mm", shell.inner().radii());
            }
            m.put("analytic_volume_ml", t.analyticMl());
            m.put("voxelised_volume_ml", t.voxelisedMl());
            m.put("hu_low", t.meanHu()[0]);
            m.put("hu_high", t.meanHu()[1]);
            lesions.add(m);
        }
        json.put("lesions", lesions);
        return json;
    }
}
