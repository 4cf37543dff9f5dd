package org.dect.cohort;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.dect.DectException;
import org.dect.followup.ComparisonOutputs;
import org.dect.followup.FollowUpComparison;
import org.dect.output.StagedOutputFolder;

/**
 * A cohort's follow-ups: for every patient with two or more studies done, each later timepoint compared
 * with the first (by study date, then the manifest's order), into OUT/compare/&lt;patient&gt;/&lt;baseline&gt;-vs-&lt;follow-up&gt;/,
 * and a row per comparison in OUT/followup.csv and followup.json. A comparison that fails is a row with its error.
 */
public final class FollowUps {

    public static final List<String> COLUMNS = List.of("patient", "baseline", "follow_up", "baseline_timepoint", "follow_up_timepoint",
            "status", "error", "urate_volume_ml_baseline", "urate_volume_ml_follow_up", "urate_volume_change_ml",
            "urate_volume_change_ml_ci95_half_width", "exceeds_smallest_detectable_change", "exceeds_uncertainty", "deposits_matched",
            "deposits_new", "deposits_resolved", "bone_rms_mm", "verdict");

    private FollowUps() { }

    /** Whether any patient of the list has two studies or more: then the batch needs the label volumes. */
    public static boolean any(List<Study> studies) {
        return studies.stream().filter(s -> s.patient() != null && !s.patient().isBlank())
                .collect(java.util.stream.Collectors.groupingBy(Study::patient, java.util.stream.Collectors.counting()))
                .values().stream().anyMatch(n -> n > 1);
    }

    /** Compares every follow-up of the rows (the batch's, in the studies' order) with its baseline; returns followup.csv's rows. */
    public static List<Map<String, Object>> compare(List<Map<String, Object>> rows, Path out, Consumer<String> log) {
        List<Map<String, Object>> table = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Object>>> patient : byPatient(rows).entrySet()) {
            List<Map<String, Object>> visits = patient.getValue();
            if (visits.size() < 2) {
                continue;
            }
            Map<String, Object> first = visits.get(0);
            for (Map<String, Object> later : visits.subList(1, visits.size())) {
                table.add(one(patient.getKey(), first, later, out, log));
            }
        }
        CohortTable.write(COLUMNS, table, out, "followup");
        return table;
    }

    private static Map<String, Object> one(String patient, Map<String, Object> first, Map<String, Object> later, Path out,
                                           Consumer<String> log) {
        Map<String, Object> row = new LinkedHashMap<>();
        COLUMNS.forEach(c -> row.put(c, null));
        row.put("patient", patient);
        row.put("baseline", first.get("study"));
        row.put("follow_up", later.get("study"));
        row.put("baseline_timepoint", first.get("timepoint"));
        row.put("follow_up_timepoint", later.get("timepoint"));
        Path b = out.resolve(String.valueOf(first.get("study")));
        Path f = out.resolve(String.valueOf(later.get("study")));
        Path dir = out.resolve("compare").resolve(safe(patient)).resolve(safe(first.get("study") + "-vs-" + later.get("study")));
        try (StagedOutputFolder folder = StagedOutputFolder.create(dir, true, List.of(b, f))) {
            FollowUpComparison.Result r = FollowUpComparison.compare(b, f);
            ComparisonOutputs.write(r, b, f, folder.path());
            folder.commit();
            Map<String, Object> json = FollowUpComparison.json(r, b, f);
            row.put("status", "ok");
            row.put("error", "");
            for (String c : List.of("urate_volume_ml_baseline", "urate_volume_ml_follow_up", "urate_volume_change_ml",
                    "urate_volume_change_ml_ci95_half_width", "exceeds_smallest_detectable_change", "exceeds_uncertainty",
                    "deposits_matched", "deposits_new", "deposits_resolved", "verdict")) {
                row.put(c, json.get(c));
            }
            row.put("bone_rms_mm", r.registration().rmsMm());
            log.accept("follow-up " + patient + ": " + first.get("study") + " → " + later.get("study") + ": " + r.verdict());
        } catch (DectException | IllegalStateException e) {
            row.put("status", "failed");
            row.put("error", e.getMessage().replaceAll("\\s+", " ").trim());
            log.accept("follow-up " + patient + ": " + first.get("study") + " → " + later.get("study") + " failed: " + row.get("error"));
        }
        return row;
    }

    /** The ok rows with a patient, grouped by patient, each patient's in order of study date (then as listed). */
    static Map<String, List<Map<String, Object>>> byPatient(List<Map<String, Object>> rows) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            Object p = r.get("patient");
            if (p != null && !String.valueOf(p).isBlank() && "ok".equals(r.get("status"))) {
                out.computeIfAbsent(String.valueOf(p), k -> new ArrayList<>()).add(r);
            }
        }
        Comparator<Map<String, Object>> byDate = Comparator.comparing(r -> r.get("study_date") == null ? "" : String.valueOf(r.get("study_date")));
        out.values().forEach(l -> l.sort(byDate)); // stable: the manifest's order among equal dates
        return out;
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
