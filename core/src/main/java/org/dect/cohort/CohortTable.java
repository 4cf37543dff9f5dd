package org.dect.cohort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dect.InputException;
import org.dect.Json;
import org.dect.OutputException;
import org.dect.format.Csv;

/**
 * cohort.csv and cohort.json: one row per study, the columns of {@link #COLUMNS}, the same in both.
 * Each is written beside itself and moved into place, so that a reader never sees half a table.
 */
public final class CohortTable {

    public static final List<String> COLUMNS = List.of("study", "status", "error", "patient", "timepoint", "study_date", "pair",
            "preset", "method", "urate_volume_ml", "urate_volume_ml_ci95_low", "urate_volume_ml_ci95_high", "urate_voxel_volume_ml",
            "urate_lesions", "calcium_volume_ml", "calcium_lesions", "warnings", "seconds");

    private CohortTable() { }

    public static void write(List<Map<String, Object>> rows, Path dir) {
        write(COLUMNS, rows, dir, "cohort");
    }

    /** NAME.csv and NAME.json in dir: the rows, with these columns, in both; each written beside itself and moved into place. */
    static void write(List<String> columns, List<Map<String, Object>> rows, Path dir, String name) {
        try {
            Files.createDirectories(dir);
            StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
            for (Map<String, Object> row : rows) {
                csv.append(Csv.line(columns.stream().map(row::get).toList())).append('\n');
            }
            replace(dir.resolve(name + ".csv"), csv.toString());
            replace(dir.resolve(name + ".json"), Json.write(Map.of("columns", columns, "cohort".equals(name) ? "studies" : "rows", rows)));
        } catch (IOException e) {
            throw new OutputException("Cannot write " + name + ".csv into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The rows of a cohort.json a batch (or a shard of one) wrote into dir. */
    public static List<Map<String, Object>> read(Path dir) {
        Path file = dir.resolve("cohort.json");
        try {
            Map<String, Object> json = new ObjectMapper().readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Object o : (List<?>) json.get("studies")) {
                rows.add(new LinkedHashMap<>(castMap(o)));
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new InputException("Cannot read " + file + " (a batch's output folder holds one): " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }


    private static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
