package org.dect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dect.cohort.BatchRun;

/**
 * A cohort of six (five phantoms and a broken study), its batch killed with -9 half-way and run again:
 * the second run takes up where the first stopped, and the table equals an uninterrupted run's, row
 * for row, and each study's row its own decompose run's figures.
 */
class BatchKillTest {

    @TempDir
    Path tmp;

    @Test
    void aBatchKilledHalfWayResumesToTheSameTable() throws Exception {
        Path root = tmp.resolve("root");
        for (int i = 1; i <= 5; i++) {
            assertEquals(0, CliTest.dect("-q", "phantom", root.resolve("s" + i).toString(), "--size", "64x64x10", "--seed", "" + (60 + i)).code());
        }
        Files.createDirectories(root.resolve("s6-empty")); // broken: no images at all
        Path out = tmp.resolve("out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "-q", "batch",
                root.toString(), "-o", out.toString(), "--jobs", "1"));
        Process batch = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (done(out) < 2 && batch.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        batch.destroyForcibly();
        batch.waitFor(10, TimeUnit.SECONDS);
        int before = done(out);
        assertTrue(before >= 2 && before < 5, before + " studies done when killed");

        CliTest.Run resumed = CliTest.dect("-q", "batch", root.toString(), "-o", out.toString(), "--jobs", "1");
        assertEquals(3, resumed.code(), resumed.err());
        Matcher m = Pattern.compile("5 ok \\((\\d) done before\\), 1 failed").matcher(resumed.out());
        assertTrue(m.find(), resumed.out());
        assertTrue(Integer.parseInt(m.group(1)) >= before, resumed.out());

        Path whole = tmp.resolve("whole");
        assertEquals(3, CliTest.dect("-q", "batch", root.toString(), "-o", whole.toString(), "--jobs", "2").code());
        JsonNode a = withoutSeconds(out);
        JsonNode b = withoutSeconds(whole);
        assertEquals(b, a, "the resumed table is the uninterrupted one");

        CliTest.Run single = CliTest.dect("-q", "decompose", root.resolve("s3").toString(), "--json");
        JsonNode report = new ObjectMapper().readTree(single.out());
        for (JsonNode row : a) {
            if (row.get("study").asText().equals("s3")) {
                assertEquals(report.get("urate_volume_ml").asDouble(), row.get("urate_volume_ml").asDouble(), 0);
                assertEquals(report.get("calcium_volume_ml").asDouble(), row.get("calcium_volume_ml").asDouble(), 0);
            }
            if (row.get("study").asText().equals("s6-empty")) {
                assertEquals("failed", row.get("status").asText());
            }
        }
    }

    private static int done(Path out) throws Exception {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(out)) {
            return (int) s.filter(d -> Files.isRegularFile(d.resolve(BatchRun.DONE))).count();
        }
    }

    private static JsonNode withoutSeconds(Path out) throws Exception {
        JsonNode studies = new ObjectMapper().readTree(out.resolve("cohort.json").toFile()).get("studies");
        for (JsonNode r : studies) {
            ((ObjectNode) r).remove("seconds");
        }
        return studies;
    }
}
