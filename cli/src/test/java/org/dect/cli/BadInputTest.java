package org.dect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.dect.testing.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input through the command line: the documented exit code, a message that names the
 * problem, no stack trace, and no output folder left behind.
 */
class BadInputTest {

    @TempDir
    static Path tmp;

    static Path study;

    @BeforeAll
    static void phantom() {
        study = tmp.resolve("study");
        assertEquals(0, run("-q", "phantom", study.toString(), "--size", "64x64x8").code);
    }

    record Result(int code, String out, String err) { }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs decompose into tmp/out and checks code, message, no stack trace and no output. */
    private static void refused(int code, String message, String... args) {
        Path out = tmp.resolve("out");
        String[] full = Stream.concat(Stream.of("decompose"), Stream.concat(Stream.of(args), Stream.of("-o", out.toString())))
                .toArray(String[]::new);
        Result r = run(full);
        assertEquals(code, r.code, r.err);
        assertTrue(r.err.contains(message), "expected '" + message + "' in:\n" + r.err);
        assertFalse(r.err.contains("\tat ") || r.err.contains("Exception"), "stack trace:\n" + r.err);
        assertFalse(Files.exists(out), "nothing written");
        try (Stream<Path> s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".partial-")), "no partial folder");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void missingFolder() {
        refused(3, "does not exist", tmp.resolve("nowhere").toString());
    }

    @Test
    void emptyFolder() throws IOException {
        refused(3, "is empty", Files.createDirectories(tmp.resolve("empty")).toString());
    }

    @Test
    void noDicomAtAll() throws IOException {
        Path junk = Files.createDirectories(tmp.resolve("junk"));
        Files.writeString(junk.resolve("notes.txt"), "not an image");
        refused(3, "No DICOM images", junk.toString());
    }

    @Test
    void onlyOneEnergy() {
        refused(3, "Only one energy", study.resolve("low").toString());
    }

    @Test
    void sameSeriesTwice() {
        refused(3, "name the same series", "--low", study.resolve("low").toString(), "--high", study.resolve("low").toString());
    }

    @Test
    void missingSlice() throws IOException {
        Path copy = copyStudy("missing");
        try (Stream<Path> s = Files.list(copy.resolve("high"))) {
            List<Path> files = s.sorted().toList();
            Files.delete(files.get(files.size() / 2));
        }
        Result r = run("decompose", copy.toString(), "-o", tmp.resolve("out").toString());
        assertEquals(3, r.code, r.err);
        // Which slice is missing depends on the file chosen; either a gap or a count mismatch is named.
        assertTrue(r.err.contains("missing 1 slice") || r.err.contains("different slice counts"), r.err);
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void truncatedFile() throws IOException {
        Path copy = copyStudy("truncated");
        Path victim;
        try (Stream<Path> s = Files.list(copy.resolve("low"))) {
            victim = s.sorted().toList().get(3);
        }
        byte[] bytes = Files.readAllBytes(victim);
        Files.write(victim, java.util.Arrays.copyOf(bytes, bytes.length - 1000));
        refused(3, victim.getFileName().toString(), copy.toString());
    }

    @Test
    void jpegLsInput() throws IOException {
        ExternalTools.require("dcmcjpls", "dcmtk");
        Path copy = copyStudy("jpegls");
        try (Stream<Path> s = Files.list(copy.resolve("low"))) {
            for (Path f : s.toList()) {
                Path encoded = f.resolveSibling(f.getFileName() + ".jls");
                ExternalTools.check(List.of("dcmcjpls", f.toString(), encoded.toString()));
                Files.delete(f);
            }
        }
        refused(3, "dcmdjpls", copy.toString());
    }

    @Test
    void outputExistsOrInsideInput() throws IOException {
        Path existing = Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(existing.resolve("keep.txt"), "mine");
        Result r = run("decompose", study.toString(), "-o", existing.toString());
        assertEquals(4, r.code);
        assertTrue(r.err.contains("--overwrite"), r.err);
        assertEquals("mine", Files.readString(existing.resolve("keep.txt")), "an existing output is never touched");
        Result inside = run("decompose", study.toString(), "-o", study.resolve("low/out").toString());
        assertEquals(4, inside.code);
        assertTrue(inside.err.contains("overlaps input"), inside.err);
        assertFalse(Files.exists(study.resolve("low/out")));
    }

    /** An output that holds an input would, with --overwrite, move the input aside and delete it. */
    @Test
    void anOutputThatHoldsAnInputIsRefusedEvenWithOverwrite() throws IOException {
        Path copy = copyStudy("held");
        Path linkedInput = Files.createSymbolicLink(tmp.resolve("held-low"), copy.resolve("low"));
        Path linkedOutput = Files.createSymbolicLink(tmp.resolve("held-study"), copy);
        // Compared by real path: a link to the input's folder, and a link to the folder that holds it.
        for (String out : List.of(copy.toString(), linkedOutput.toString())) {
            Result r = run("decompose", linkedInput.toString(), copy.resolve("high").toString(), "-o", out, "--overwrite");
            assertEquals(4, r.code, r.err);
            assertTrue(r.err.contains("overlaps input") && r.err.contains("holds it"), r.err);
        }
        try (Stream<Path> s = Files.list(copy.resolve("low"))) {
            assertEquals(8, s.count(), "the input is untouched");
        }
    }

    /** An output path that is a link to a folder (other storage, say): the outputs go into that folder, the link stays. */
    @Test
    void aLinkedOutputFolderIsFollowed() throws IOException {
        Path target = Files.createDirectories(tmp.resolve("storage/results"));
        Path link = Files.createSymbolicLink(tmp.resolve("results-link"), target);
        Result r = run("-q", "decompose", study.toString(), "-o", link.toString(), "--outputs", "report");
        assertEquals(0, r.code, r.err);
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(Files.exists(target.resolve("report.json")), "the outputs are in the folder it points to");
    }

    /** Stored values that are not HU: a rescale intercept 300 HU off at both energies. */
    @Test
    void aScanHundredsOfHuOffIsRefused() throws IOException {
        Path copy = copyStudy("shifted");
        for (String energy : List.of("low", "high")) {
            org.dect.testing.DicomEdit.each(copy.resolve(energy), a -> a.setString(org.dcm4che3.data.Tag.RescaleIntercept,
                    org.dcm4che3.data.VR.DS, "-724"));
        }
        refused(3, "the stored values are not HU", copy.toString());
    }

    /** A scanner 40 HU off the preset: decomposed, with the warning in the summary, not only in the log. */
    @Test
    void aScanTensOfHuOffIsAdjustedForOrWarnedAbout() throws IOException {
        Path copy = copyStudy("warm");
        org.dect.testing.DicomEdit.each(copy.resolve("low"), a -> a.setString(org.dcm4che3.data.Tag.RescaleIntercept,
                org.dcm4che3.data.VR.DS, "-984"));
        Result r = run("-q", "decompose", copy.toString());
        assertEquals(0, r.code, r.err);
        // The whole low-kVp scale 40 HU up: air no longer reads -1000, so the basis is scaled, and soft tissue,
        // some 20 HU now, is the background.
        assertTrue(r.out.matches("(?s).*Adjusted: HU scale: air reads -9[5-8]\\d / -(999|1000|1001) HU.*"), r.out);
        assertTrue(r.out.matches("(?s).*background: the scan's soft tissue, (1\\d|2\\d) / -\\d+ HU.*"), r.out);
        assertFalse(r.out.contains("soft tissue reads"), r.out);
        Result fixed = run("-q", "decompose", copy.toString(), "--no-scan-calibration");
        assertEquals(0, fixed.code, fixed.err);
        assertTrue(fixed.out.contains("Warning:  soft tissue reads") && fixed.out.contains("at low kVp, the preset expects -15 HU"), fixed.out);
    }

    @Test
    void seriesAreNumberedFromTheGivenBase() throws IOException {
        Path out = tmp.resolve("numbered");
        Result r = run("-q", "decompose", study.toString(), "-o", out.toString(), "--series-number", "500", "--outputs", "fused,report");
        assertEquals(0, r.code, r.err);
        assertTrue(Files.readString(out.resolve("report.json")).contains("\"series_number\" : 501"));
    }

    /** Before this was refused, a singular basis gave "0.000 mL urate" and exit 0. */
    @Test
    void singularCalibration() throws IOException {
        Path calibration = tmp.resolve("singular.json");
        Files.writeString(calibration, "{\"format\": \"dect-calibration-1\", \"name\": \"s\", \"low_kvp\": 80, \"high_kvp\": 150,"
                + " \"tin_high\": true, \"urate_hu_per_percent\": [5.73, 5.61], \"ha_hu_per_mg_cm3\": [1.146, 1.122],"
                + " \"background_hu\": [0, 0]}");
        refused(3, "calibration file " + calibration + ": the calcium line (HU ratio 1.021) is no steeper than the urate line",
                study.toString(), "--calibration", calibration.toString());
    }

    @Test
    void badOptionValues() {
        refused(2, "--window: 'abc' is not a number", study.toString(), "--window", "abc,500");
        refused(2, "unknown preset '70/Sn150'", study.toString(), "--preset", "70/Sn150");
        refused(2, "unknown method 'magic'", study.toString(), "--method", "magic");
        refused(2, "unknown output 'pdf'", study.toString(), "--outputs", "pdf");
        refused(2, "--window must be MIN,MAX", study.toString(), "--window", "150");
        refused(2, "--threads must be at least 1", study.toString(), "--threads", "0");
    }

    private static Path copyStudy(String name) throws IOException {
        Path copy = tmp.resolve(name);
        for (String energy : List.of("low", "high")) {
            Files.createDirectories(copy.resolve(energy));
            try (Stream<Path> s = Files.list(study.resolve(energy))) {
                for (Path f : s.toList()) {
                    Files.copy(f, copy.resolve(energy).resolve(f.getFileName()));
                }
            }
        }
        return copy;
    }
}
