package org.dect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dect batch over a small cohort: two studies and a broken one, run, rerun, sharded and merged, and from a manifest. */
class BatchTest {

    @TempDir
    static Path tmp;

    static Path root;

    private static CliTest.Run dect(String... args) {
        return CliTest.dect(args);
    }

    @BeforeAll
    static void cohort() throws IOException {
        root = tmp.resolve("root");
        for (String[] s : new String[][] {{"p1-baseline", "3"}, {"p1-followup", "4"}}) {
            CliTest.Run r = dect("-q", "phantom", root.resolve(s[0]).toString(), "--size", "64x64x12", "--seed", s[1]);
            assertEquals(0, r.code(), r.err());
        }
        Path broken = Files.createDirectories(root.resolve("p2-one-energy"));
        try (var files = Files.walk(root.resolve("p1-baseline/low"))) {
            Files.createDirectories(broken.resolve("low"));
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, broken.resolve("low").resolve(f.getFileName()));
            }
        }
    }

    private static Map<String, JsonNode> rows(Path out) throws IOException {
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode r : new ObjectMapper().readTree(out.resolve("cohort.json").toFile()).get("studies")) {
            rows.put(r.get("study").asText(), r);
        }
        return rows;
    }

    @Test
    void runsEveryStudyRecordsTheFailureAndResumes() throws IOException {
        Path out = tmp.resolve("out");
        CliTest.Run first = dect("-q", "batch", root.toString(), "-o", out.toString(), "--jobs", "2");
        assertEquals(3, first.code(), "3 when a study failed: " + first.out() + first.err());
        Map<String, JsonNode> rows = rows(out);
        assertEquals(3, rows.size());
        for (String id : List.of("p1-baseline", "p1-followup")) {
            JsonNode r = rows.get(id);
            assertEquals("ok", r.get("status").asText(), r.toString());
            JsonNode report = new ObjectMapper().readTree(out.resolve(id).resolve("report.json").toFile());
            assertEquals(report.get("urate_volume_ml").asDouble(), r.get("urate_volume_ml").asDouble(), 0, id + ": the study's own report");
            assertEquals(report.get("urate_lesions").asInt(), r.get("urate_lesions").asInt());
            assertEquals("80 kV/Sn150 kV", r.get("pair").asText());
            assertTrue(r.get("study_date").asText().matches("\\d{8}"), r.toString());
        }
        JsonNode failed = rows.get("p2-one-energy");
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("error").asText().startsWith("Only one energy"), failed.toString());
        String csv = Files.readString(out.resolve("cohort.csv"));
        assertTrue(csv.startsWith("study,status,error,patient,timepoint,study_date,pair,preset,method,urate_volume_ml,"), csv);
        assertEquals(4, csv.lines().count(), "a header and a line per study (errors on one line): " + csv);

        long before = Files.getLastModifiedTime(out.resolve("p1-baseline/report.json")).toMillis();
        CliTest.Run again = dect("-q", "batch", root.toString(), "-o", out.toString(), "--jobs", "2");
        assertEquals(3, again.code());
        assertTrue(again.out().contains("2 ok (2 done before), 1 failed"), again.out());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("p1-baseline/report.json")).toMillis(), "not run again");
        assertEquals(rows.get("p1-baseline").get("urate_volume_ml"), rows(out).get("p1-baseline").get("urate_volume_ml"));

        CliTest.Run otherOptions = dect("-q", "batch", root.toString(), "-o", out.toString(), "--method", "ratio");
        assertEquals(3, otherOptions.code());
        assertTrue(rows(out).get("p1-baseline").get("error").asText().contains("--overwrite"),
                "other options do not overwrite a study's results without --overwrite: " + rows(out).get("p1-baseline"));
    }

    @Test
    void shardsTakeEveryNthStudyAndMergeIntoTheWhole() throws IOException {
        Path s1 = tmp.resolve("shard1");
        Path s2 = tmp.resolve("shard2");
        assertEquals(3, dect("-q", "batch", root.toString(), "-o", s1.toString(), "--shard", "1/2").code());
        assertEquals(0, dect("-q", "batch", root.toString(), "-o", s2.toString(), "--shard", "2/2").code());
        assertEquals(List.of("p1-baseline", "p2-one-energy"), rows(s1).keySet().stream().sorted().toList());
        assertEquals(List.of("p1-followup"), List.copyOf(rows(s2).keySet()));
        Path merged = tmp.resolve("merged");
        CliTest.Run m = dect("-q", "batch", "--merge", s1.toString(), s2.toString(), "-o", merged.toString());
        assertEquals(3, m.code(), m.out() + m.err());
        assertEquals(3, rows(merged).size());
        Path single = tmp.resolve("single");
        assertEquals(3, dect("-q", "batch", root.toString(), "-o", single.toString()).code());
        Map<String, JsonNode> whole = rows(single);
        rows(merged).forEach((id, row) -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) row).remove("seconds");
            ((com.fasterxml.jackson.databind.node.ObjectNode) whole.get(id)).remove("seconds");
            assertEquals(whole.get(id), row, id + ": the merged shards' row is the single run's");
        });
        assertEquals(2, dect("-q", "batch", root.toString(), "-o", s1.toString(), "--shard", "3/2").code(), "K above N is a usage error");
        Path inside = root.resolve("zz-out");
        dect("-q", "batch", root.toString(), "-o", inside.toString(), "--shard", "2/2");
        assertEquals(List.of("p1-followup"), List.copyOf(rows(inside).keySet()), "an OUT inside ROOT is no study");
        try (var walk = Files.walk(inside)) { // other tests list ROOT's folders
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void aManifestNamesPatientsTimepointsAndPresets() throws IOException {
        Path manifest = tmp.resolve("cohort.csv");
        Files.writeString(manifest, "study,path,patient,timepoint,preset\n"
                + "base,root/p1-baseline,P1,0,\n"
                + "follow,root/p1-followup,P1,12,80/Sn150\n"
                + "wrong,root/p1-followup,P1,24,90/Sn999\n");
        Path out = tmp.resolve("from-manifest");
        CliTest.Run r = dect("-q", "batch", manifest.toString(), "-o", out.toString());
        assertEquals(3, r.code(), r.out() + r.err());
        Map<String, JsonNode> rows = rows(out);
        assertEquals("P1", rows.get("follow").get("patient").asText());
        assertEquals("12", rows.get("follow").get("timepoint").asText());
        assertEquals("ok", rows.get("base").get("status").asText());
        assertTrue(rows.get("wrong").get("error").asText().contains("unknown preset '90/Sn999'"), rows.get("wrong").toString());
        // The cohort page: every study a row, each one that succeeded a dot, patient P1's two timepoints a line.
        String page = Files.readString(out.resolve("cohort.html"));
        assertEquals(3, page.split("<tr class=").length - 1, "a table row per study");
        assertEquals(2, page.split("<circle class=\"study\"").length - 1, "a dot per study that succeeded");
        assertEquals(1, page.split("<path class=\"patient\"").length - 1, "a line through P1's timepoints");
        assertTrue(!page.contains("NaN"), "every coordinate a number");
        // P1's follow-up compared with the baseline (the failed third visit is none): a row, and the comparison's folder.
        List<String> followUps = Files.readAllLines(out.resolve("followup.csv"));
        assertEquals(2, followUps.size(), followUps.toString());
        assertTrue(followUps.get(1).startsWith("P1,base,follow,0,12,ok,,"), followUps.get(1));
        assertTrue(Files.isRegularFile(out.resolve("compare").resolve("P1").resolve("base-vs-follow").resolve("compare.json")));
        assertTrue(Files.isRegularFile(out.resolve("base").resolve("nifti").resolve("labels.nii.gz")), "nifti/ added for the alignment");
        Files.writeString(manifest, "name,folder\nx,y\n");
        CliTest.Run bad = dect("-q", "batch", manifest.toString(), "-o", tmp.resolve("bad").toString());
        assertEquals(3, bad.code());
        assertTrue(bad.err().contains("needs the columns study and path"), bad.err());
    }
}
