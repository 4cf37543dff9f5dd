package org.dect.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dect.InputException;
import org.dect.Json;
import org.dect.OutputException;
import org.dect.decompose.Calibration.Fit;
import org.dect.decompose.Calibration.Measured;
import org.dect.decompose.Calibration.Roi;
import org.dect.decompose.Preset;

/**
 * The files of a calibration: the ROI file that {@code dect calibrate} reads and the calibration it
 * writes for {@code --calibration}. A calibration read back is checked as a preset is
 * ({@link Preset#problem}): a singular, ill-conditioned or unphysical basis is refused, naming the
 * file and the value, rather than turned into confident amounts.
 *
 * <p>ROI file: {@code {"rois": [{"centre_mm": [x, y], "radius_mm": r, "slices": [first, last],
 * "material": "urate"|"ha"|"water"|"soft_tissue"|"fat", "concentration": n}]}}; centre in patient
 * coordinates (or {@code "centre_px": [column, row]}), slices 1-based in order along the slice normal.
 */
public final class CalibrationFile {

    static final String FORMAT = "dect-calibration-1";

    private CalibrationFile() { }

    public static List<Roi> readRois(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException("Cannot read ROI file " + file + ": " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("rois");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InputException("ROI file " + file + " has no \"rois\" list.");
        }
        List<Roi> rois = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String where = "ROI " + (i + 1) + " of " + file;
            String material = text(r, "material", where);
            if (!List.of("urate", "ha", "water", "soft_tissue", "fat").contains(material)) {
                throw new InputException(where + ": material must be urate, ha, water, soft_tissue or fat, not '" + material + "'.");
            }
            boolean needsAmount = material.equals("urate") || material.equals("ha");
            if (needsAmount && !r.has("concentration")) {
                throw new InputException(where + ": a " + material + " ROI needs \"concentration\" ("
                        + (material.equals("urate") ? "% w/w" : "mg/cm³") + ").");
            }
            JsonNode slices = r.get("slices");
            if (slices == null || slices.size() != 2 || !slices.get(0).canConvertToInt() || !slices.get(1).canConvertToInt()) {
                throw new InputException(where + ": \"slices\" must be [first, last], 1-based.");
            }
            double concentration = needsAmount ? number(r, "concentration", where, false) : 0;
            Roi roi = new Roi(pair(r.get("centre_mm")), pair(r.get("centre_px")), number(r, "radius_mm", where, true),
                    slices.get(0).asInt(), slices.get(1).asInt(), material, concentration);
            if (roi.centreMm() == null && roi.centrePx() == null) {
                throw new InputException(where + ": give \"centre_mm\": [x, y] or \"centre_px\": [column, row].");
            }
            rois.add(roi);
        }
        return rois;
    }

    public static void write(Fit fit, Path file) {
        Preset p = fit.preset();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("name", p.name());
        json.put("low_kvp", p.lowKvp());
        json.put("high_kvp", p.highKvp());
        json.put("tin_high", p.tinHigh());
        json.put("urate_hu_per_percent", p.urateHuPerPercent());
        json.put("ha_hu_per_mg_cm3", p.haHuPerMgCm3());
        json.put("background_hu", p.background());
        json.put("soft_tissue_hu", p.softTissue());
        json.put("fat_hu", p.fat());
        json.put("cortical_bone_hu", p.corticalBone());
        json.put("rms_residual_hu", List.of(fit.rmsResidualLow(), fit.rmsResidualHigh()));
        List<Map<String, Object>> rois = new ArrayList<>();
        for (Measured m : fit.rois()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("material", m.roi().material());
            r.put("concentration", m.roi().concentration());
            r.put("voxels", m.voxels());
            r.put("measured_hu", List.of(m.meanLow(), m.meanHigh()));
            if (!Double.isNaN(m.fittedLow())) {
                r.put("fitted_hu", List.of(m.fittedLow(), m.fittedHigh()));
            }
            rois.add(r);
        }
        json.put("rois", rois);
        // Written beside the target and renamed, so a failure never leaves half a calibration behind.
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Json.write(json, partial);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing more to do: the message below says what failed
            }
            throw new OutputException("Cannot write calibration " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a calibration file written by {@link #write} as a preset; refuses one that is not fit to decompose with. */
    public static Preset read(Path file) {
        JsonNode j;
        try {
            j = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException("Cannot read calibration file " + file + ": " + e.getMessage(), e);
        }
        if (j == null || !j.isObject() || !FORMAT.equals(j.path("format").asText())) {
            throw new InputException(file + " is not a dect calibration file (no \"format\": \"" + FORMAT + "\"). "
                    + "Write one with 'dect calibrate'.");
        }
        String where = "calibration file " + file;
        JsonNode name = j.get("name");
        JsonNode tin = j.get("tin_high");
        if (name == null || !name.isTextual() || tin == null || !tin.isBoolean()) {
            throw new InputException(where + ": \"name\" must be text and \"tin_high\" true or false.");
        }
        Preset p = new Preset(name.asText(), number(j, "low_kvp", where, true), number(j, "high_kvp", where, true), tin.asBoolean(),
                twoNumbers(j, "urate_hu_per_percent", where, false), twoNumbers(j, "ha_hu_per_mg_cm3", where, false),
                twoNumbers(j, "background_hu", where, false), twoNumbers(j, "soft_tissue_hu", where, true),
                twoNumbers(j, "fat_hu", where, true), twoNumbers(j, "cortical_bone_hu", where, true), "calibration file " + file.getFileName());
        String problem = p.problem();
        if (problem != null) {
            throw new InputException(where + ": " + problem + ". Calibrate again with 'dect calibrate' on a phantom scan, "
                    + "or use a built-in preset (--preset).");
        }
        return p;
    }

    /** [low, high]: two finite numbers; or, where {@code optional}, null or missing for not measured (NaN). */
    private static double[] twoNumbers(JsonNode j, String field, String where, boolean optional) {
        JsonNode n = j.get(field);
        if (optional && (n == null || n.isNull())) {
            return new double[] {Double.NaN, Double.NaN};
        }
        if (n == null || !n.isArray() || n.size() != 2) {
            throw new InputException(where + ": \"" + field + "\" must be [low, high], two numbers; it is " + n + ".");
        }
        double[] out = new double[2];
        for (int i = 0; i < 2; i++) {
            JsonNode v = n.get(i);
            if (optional && v.isNull()) {
                out[i] = Double.NaN;
            } else if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new InputException(where + ": \"" + field + "\" must be [low, high], two numbers; its "
                        + (i == 0 ? "low" : "high") + "-kVp value is " + v + ".");
            } else {
                out[i] = v.asDouble();
            }
        }
        return out;
    }

    private static double[] pair(JsonNode n) {
        return n == null || n.size() != 2 || !n.get(0).isNumber() || !n.get(1).isNumber() ? null
                : new double[] {n.get(0).asDouble(), n.get(1).asDouble()};
    }

    private static String text(JsonNode r, String field, String where) {
        JsonNode n = r.get(field);
        if (n == null || !n.isTextual()) {
            throw new InputException(where + ": missing \"" + field + "\".");
        }
        return n.asText();
    }

    private static double number(JsonNode r, String field, String where, boolean positive) {
        JsonNode n = r.get(field);
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble()) || (positive ? n.asDouble() <= 0 : n.asDouble() < 0)) {
            throw new InputException(where + ": \"" + field + "\" must be a " + (positive ? "positive" : "non-negative")
                    + " number; it is " + n + ".");
        }
        return n.asDouble();
    }
}
