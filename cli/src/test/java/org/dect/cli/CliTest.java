package org.dect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dect.testdata.PhantomGenerator;
import org.dect.testdata.PhantomSpec;
import org.dect.testdata.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line driven in-process: exit codes, stdout for results, stderr for everything else. */
class CliTest {

    @TempDir
    static Path tmp;

    static Path study;

    record Run(int code, String out, String err) {
        /** A user mistake never shows a Java stack trace. */
        void assertNoStackTrace() {
            assertFalse(err.contains("\tat ") || err.contains("Exception"), "stack trace on stderr:\n" + err);
        }
    }

    static Run dect(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void phantom() {
        study = tmp.resolve("study");
        Run r = dect("phantom", study.toString(), "--size", "64x64x12", "--seed", "5");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Wrote gout phantom (80/Sn150, 64x64x12)"), r.out);
    }

    /** Every command's line in `dect --help` is a whole sentence, on one line. */
    @Test
    void helpListsEveryCommandInAWholeSentence() {
        Run r = dect("--help");
        assertEquals(0, r.code, r.err);
        String commands = r.out.substring(r.out.indexOf("Commands:"), r.out.indexOf("Examples:"));
        java.util.List<String> lines = commands.lines().skip(1).filter(l -> !l.isBlank()).toList();
        assertEquals(11, lines.size(), commands);
        for (String line : lines) {
            assertTrue(line.matches("  [a-z]+ +[A-Z].*\\.$"), "a whole sentence on one line: '" + line + "'");
        }
    }

    @Test
    void inspectJsonNamesThePair() throws Exception {
        Run r = dect("-q", "inspect", study.toString(), "--json");
        assertEquals(0, r.code, r.err);
        assertEquals("", r.err, "-q keeps stderr quiet");
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertEquals(2, json.get("series").size());
        assertEquals(80.0, json.get("pair").get("low").get("kvp").asDouble());
        assertEquals(150.0, json.get("pair").get("high").get("kvp").asDouble());
        assertEquals(12, json.get("pair").get("high").get("slices").asInt());
        assertTrue(json.get("pair").get("high").get("tin_filter_recorded").asBoolean());
        JsonNode low = json.get("series").get(0);
        assertEquals(64, low.get("columns").asInt());
        assertEquals(0.6, low.get("slice_spacing").asDouble(), 1e-6);
        assertEquals(26, json.get("files").get("seen").asInt(), "24 slices and 2 ground-truth files");
    }

    @Test
    void inspectTableShowsRoles() {
        Run r = dect("inspect", study.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Pair: low  = series 2"), r.out);
        assertTrue(r.err.contains("2 not DICOM (skipped)"), r.err);
    }

    @Test
    void inspectWithoutPairExits3AndSaysWhy() throws Exception {
        Run r = dect("-q", "inspect", study.resolve("low").toString(), "--json");
        assertEquals(3, r.code);
        JsonNode json = new ObjectMapper().readTree(r.out);
        assertTrue(json.get("pair").isNull());
        assertTrue(json.get("problem").asText().contains("Only one energy"));
    }

    @Test
    void missingInputExits3WithoutStackTrace() {
        Run r = dect("inspect", tmp.resolve("nowhere").toString());
        assertEquals(3, r.code);
        assertTrue(r.err.contains("does not exist"), r.err);
        r.assertNoStackTrace();
    }

    @Test
    void usageErrorsExit2() {
        Run unknown = dect("inspect", "--frobnicate", study.toString());
        assertEquals(2, unknown.code);
        assertTrue(unknown.err.contains("Unknown option"), unknown.err);
        Run badSize = dect("phantom", tmp.resolve("x").toString(), "--size", "12by12");
        assertEquals(2, badSize.code);
        assertTrue(badSize.err.contains("size must look like 256x256x80"), badSize.err);
        badSize.assertNoStackTrace();
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written on a usage error");
        Run badThreshold = dect("decompose", study.toString(), "-o", tmp.resolve("y").toString(), "--min-urate", "0");
        assertEquals(2, badThreshold.code);
        assertTrue(badThreshold.err.contains("--min-urate must be above 0"), badThreshold.err);
        badThreshold.assertNoStackTrace();
        assertFalse(Files.exists(tmp.resolve("y")), "nothing written on a usage error");
    }

    @Test
    void existingOutputExits4UnlessOverwrite() {
        Run refused = dect("phantom", study.toString(), "--size", "32x32x2");
        assertEquals(4, refused.code);
        assertTrue(refused.err.contains("--overwrite"), refused.err);
        Path other = tmp.resolve("other");
        assertEquals(0, dect("-q", "phantom", other.toString(), "--size", "32x32x2").code);
        Run replaced = dect("-q", "phantom", other.toString(), "--size", "40x40x3", "--overwrite");
        assertEquals(0, replaced.code, replaced.err);
        assertTrue(replaced.out.contains("40x40x3"));
    }

    @Test
    void demoRunsEndToEnd() {
        Run r = dect("-q", "demo", tmp.resolve("demo").toString(), "--threads", "2");
        assertEquals(0, r.code, r.err);
        double truth = PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT)).truth().urateVolumeMl();
        assertTrue(r.out.contains("urate:") && r.out.contains(String.format(java.util.Locale.ROOT, "(truth %.3f mL in 6)", truth)), r.out);
        assertTrue(Files.exists(tmp.resolve("demo/output/seg/segmentation.dcm")), "demo writes every output");
    }

    @Test
    void decomposeJsonAgreesWithTheGroundTruth() throws Exception {
        Path gout = tmp.resolve("gout");
        assertEquals(0, dect("-q", "phantom", gout.toString(), "--size", "160x160x50").code);
        Run r = dect("-q", "decompose", gout.toString(), "--json");
        assertEquals(0, r.code, r.err);
        JsonNode json = new ObjectMapper().readTree(r.out);
        JsonNode truth = new ObjectMapper().readTree(gout.resolve("ground-truth.json").toFile());
        double measured = json.get("urate_volume_ml").asDouble();
        double expected = truth.get("urate_volume_ml").asDouble();
        assertEquals(expected, measured, 0.3 * expected, "coarse 0.75 mm pixels, so a loose bound: accuracy has its own tests");
        assertTrue(json.get("calcium_volume_ml").isNumber());
        assertEquals("three-material", json.get("method").asText());
        assertEquals("80/Sn150", json.get("preset").get("name").asText());
        assertTrue(json.get("lesions").size() >= 6);
        assertEquals("urate", json.get("lesions").get(0).get("material").asText());
        assertTrue(json.get("notes").toString().contains("assumed") || json.get("notes").toString().contains("preset 80/Sn150"));

        Run table = dect("-q", "decompose", gout.toString(), "--method", "ratio", "--window", "120,500");
        assertEquals(0, table.code, table.err);
        assertTrue(table.out.contains("Method:   ratio, preset 80/Sn150"), table.out);
        assertEquals(2, dect("decompose", gout.toString(), "--preset", "70/Sn150").code);
        Run missing = dect("decompose", gout.toString(), "--calibration", tmp.resolve("none.json").toString());
        assertEquals(3, missing.code);
        missing.assertNoStackTrace();
    }

    @Test
    void calibrateWritesAFileDecomposeUses() {
        Path cal = tmp.resolve("cal");
        assertEquals(0, dect("-q", "phantom", cal.toString(), "--scenario", "calibration", "--size", "128x128x6").code);
        Path file = tmp.resolve("scanner.json");
        String[] args = {"-q", "calibrate", cal.toString(), "--rois", cal.resolve("calibration-rois.json").toString(), "-o", file.toString()};
        Run r = dect(args);
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("RMS residual"), r.out);
        assertTrue(Files.exists(file));
        assertEquals(4, dect(args).code, "refuses to overwrite");
        Run used = dect("-q", "decompose", study.toString(), "--calibration", file.toString());
        assertEquals(0, used.code, used.err);
        assertTrue(used.out.contains("preset scanner"), used.out);
    }

    @Test
    void helpListsSubcommandsAndExitCodes() {
        Run r = dect("--help");
        assertEquals(0, r.code);
        for (String word : new String[] {"inspect", "decompose", "calibrate", "phantom", "demo", "version", "Exit codes", "3  input problem"}) {
            assertTrue(r.out.contains(word), word + " in:\n" + r.out);
        }
        Run v = dect("version");
        assertTrue(v.out.startsWith("dect 0."), v.out);
        // The cli tests' JVM, like ./dect's, runs without the vector module.
        assertTrue(v.out.contains("SIMD kernels: off (scalar; start java with --add-modules jdk.incubator.vector"), v.out);
    }
}
