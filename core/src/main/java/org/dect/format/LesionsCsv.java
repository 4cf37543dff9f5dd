package org.dect.format;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.dect.OutputException;
import org.dect.lesion.Lesion;
import org.dect.lesion.Quantification;

/**
 * The lesion table as CSV, one row per deposit, for a spreadsheet; bounding boxes in 0-based voxel
 * indices (x, y, slice). volume_ml is the partial-volume-corrected volume, voxel_volume_ml the voxels
 * labelled; the columns added with them come last, so that scripts reading the earlier columns by
 * position keep working. Empty cells where the scan's noise could not be measured.
 */
public final class LesionsCsv {

    static final String HEADER = "id,material,voxels,volume_ml,centroid_x_mm,centroid_y_mm,centroid_z_mm,"
            + "bbox_min_x,bbox_min_y,bbox_min_slice,bbox_max_x,bbox_max_y,bbox_max_slice,"
            + "mean_hu_low,mean_hu_high,mean_ratio,mean_urate_percent,mean_ha_mg_cm3,"
            + "voxel_volume_ml,volume_ml_ci95_low,volume_ml_ci95_high,detection_z,material_z";

    private LesionsCsv() { }

    private static String cell(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "";
    }

    public static void write(Quantification q, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER + "\n");
            for (Lesion l : q.lesions()) {
                double[] ci = l.volumeCi95Ml();
                w.write(String.format(Locale.ROOT, "%d,%s,%d,%.6f,%.2f,%.2f,%.2f,%d,%d,%d,%d,%d,%d,%.1f,%.1f,%.3f,%.2f,%.1f,%.6f,%s,%s,%s,%s%n",
                        l.id(), l.materialName(), l.voxels(), l.volumeMl(), l.centroidMm()[0], l.centroidMm()[1], l.centroidMm()[2],
                        l.boxMin()[0], l.boxMin()[1], l.boxMin()[2], l.boxMax()[0], l.boxMax()[1], l.boxMax()[2],
                        l.meanLow(), l.meanHigh(), l.meanRatio(), l.meanUrate(), l.meanHa(), l.voxelVolumeMl(),
                        cell(ci[0], "%.6f"), cell(ci[1], "%.6f"), cell(l.detectionZ(), "%.2f"), cell(l.materialZ(), "%.2f")));
            }
        } catch (IOException e) {
            throw new OutputException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
