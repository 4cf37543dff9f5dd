package org.dect.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.dect.testing.Results;
import org.dect.ProgressListener;
import org.dect.decompose.Presets;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;
import org.dect.pipeline.OutputKind;
import org.dect.pipeline.OutputOptions;
import org.dect.pipeline.RunOutputs;
import org.dect.render.Fusion;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;
import org.dect.testing.DicomDump;
import org.dect.volume.HuVolume;
import org.dect.volume.VolumeGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The move from PixelMed to dcm4che changed no output: the same study and labels, written by today's
 * writers, give the files the previous writer gave (previous-writer/README.md), attribute by attribute
 * as pydicom reads them, pixel data byte for byte. The changes made on purpose since are applied to
 * the previous writer's files first ({@link #afterIntendedChanges}), each with its reason; anything
 * else fails.
 */
class PreviousWriterTest {

    private static final String RESOURCES = "previous-writer/";

    @TempDir
    Path tmp;

    @Test
    void sameStudyAndLabelsGiveTheFilesThePreviousWriterGave() throws IOException {
        Inputs in = inputs();
        Phantom phantom = new Phantom(PhantomSpec.defaults(Scenario.GOUT).withSize(96, 96, 12).withSeed(5),
                new HuVolume(in.geometry, in.low), new HuVolume(in.geometry, in.high),
                new Phantom.GroundTruth(0, 0, in.labels, List.of()));
        Path study = tmp.resolve("study");
        PhantomWriter.write(phantom, study, false, 2, ProgressListener.NONE);
        assertSameDump(reference("study.json.gz"), DicomDump.of(dicomFiles(study)), "the phantom's CT series");

        DualEnergyVolumes volumes = new DualEnergyLoader(2, ProgressListener.NONE).load(List.of(study), PairRequest.AUTOMATIC);
        for (int z = 0; z < in.geometry.slices(); z++) {
            assertArrayEquals(in.low[z], volumes.low().slices()[z], "low-kVp HU read back, slice " + z);
            assertArrayEquals(in.high[z], volumes.high().slices()[z], "high-kVp HU read back, slice " + z);
        }
        DecompositionOptions options = DecompositionOptions.defaults().withThreads(2);
        DecompositionResult result = Results.ofLabels(options, Presets.P80_SN150, in.labels);
        Path out = Files.createDirectories(tmp.resolve("outputs"));
        RunOutputs.write(volumes, result, new OutputOptions(EnumSet.of(OutputKind.FUSED, OutputKind.SEG, OutputKind.OVERLAY,
                OutputKind.MAPS), Fusion.DEFAULT, 900, "golden"), out, 2, ProgressListener.NONE);
        assertSameDump(afterIntendedChanges(reference("outputs.json.gz"), reference("study.json.gz"), in.low), withUidsInTextMasked(DicomDump.of(dicomFiles(out))),
                "the derived series");
    }

    /**
     * What changed on purpose since the previous writer:
     * <ul>
     * <li>The SEG refers to the low-kVp series only, in its Referenced Series Sequence and in each frame's
     * Source Image Sequence: OHIF attaches a SEG to one series and drew nothing when it picked the high
     * one (issue 15). Derivation Description names both series instead, by UID.</li>
     * <li>Algorithm Parameters are "key=value" pairs, not a Java map's toString, and name the options
     * of issue 16 (scan calibration, deposit test and its two z thresholds).</li>
     * <li>The derivation says how deposits were kept (here, labels given outright: by the fixed rules),
     * and each segment's description ends with its burden (": 0.000 mL (95 % interval …"), which
     * OutputsTest checks against the report; the comparison takes the description up to it.</li>
     * <li>The maps (issue 18) are Modality OT with a Modality LUT (Rescale Slope, Intercept, Type) and a
     * window, say "two-material, unsmoothed", and hold 0 in air: their pixels differ, and OutputsTest
     * checks them against the basis voxel by voxel, so the comparison leaves the maps' pixels out.</li>
     * <li>The overlay's CT copies carry their low-kVp source's Acquisition Number, Convolution Kernel and
     * Slice Location (issue 18), as the phantom's series (series 2, the low energy) holds them.</li>
     * <li>The overlay's CT copies store HU as they are, signed (Pixel Representation 1, Rescale Intercept
     * 0), not HU + 1024 unsigned, so that a slice's bytes are a copy of its HU (issue 20): their pixel
     * data are the little-endian bytes of the low-kVp HU.</li>
     * </ul>
     */
    private static JsonNode afterIntendedChanges(JsonNode previous, JsonNode study, short[][] lowHu) {
        for (Iterator<String> files = previous.fieldNames(); files.hasNext(); ) {
            ObjectNode file = (ObjectNode) previous.get(files.next());
            file.put("DerivationDescription", file.get("DerivationDescription").asText()
                    .replace(" and high ", " (series <uid>) and high ").concat(" (series <uid>)")
                    .replace("; from low ", "; deposits kept by fixed rules; from low "));
            if (file.path("SeriesDescription").asText().startsWith("DECT overlay")) {
                JsonNode source = study.get("2/" + file.get("InstanceNumber").asText());
                for (String key : List.of("AcquisitionNumber", "ConvolutionKernel", "SliceLocation")) {
                    file.set(key, source.get(key));
                }
                file.put("PixelRepresentation", "1");
                file.put("RescaleIntercept", "0");
                ((ObjectNode) file.get("PixelData")).put("sha256", sha256LittleEndian(lowHu[file.get("InstanceNumber").asInt() - 1]));
            }
            if (file.path("SeriesDescription").asText().contains(" map (")) {
                boolean urate = file.path("SeriesDescription").asText().contains("urate");
                file.put("Modality", "OT");
                file.put("SeriesDescription", file.get("SeriesDescription").asText().replace("(three-material, ", "(two-material, unsmoothed, "));
                file.put("RescaleIntercept", "0");
                file.put("RescaleSlope", urate ? "0.1" : "0.5");
                file.put("RescaleType", urate ? "PCT" : "MGML");
                file.put("WindowCenter", urate ? "35" : "250");
                file.put("WindowWidth", urate ? "90" : "600");
                file.remove("PixelData");
            }
            if (!file.path("Modality").asText().equals("SEG")) {
                continue;
            }
            ((ArrayNode) file.get("ReferencedSeriesSequence")).remove(1);
            for (JsonNode frame : file.get("PerFrameFunctionalGroupsSequence")) {
                ((ArrayNode) frame.get("DerivationImageSequence").get(0).get("SourceImageSequence")).remove(1);
            }
            for (JsonNode segment : file.get("SegmentSequence")) {
                ObjectNode algorithm = (ObjectNode) segment.get("SegmentationAlgorithmIdentificationSequence").get(0);
                String map = algorithm.get("AlgorithmParameters").asText(); // {a=1, b=[2, 3]}
                String pairs = java.util.regex.Pattern.compile("\\[([^]]*)]").matcher(map.substring(1, map.length() - 1))
                        .replaceAll(m -> m.group(1).replace(", ", ",")).replace(", ", "; ")
                        .replace("; threads=", "; scan_calibration=true; deposit_test=true; detection_z=7.0; material_z=3.09; threads=");
                algorithm.put("AlgorithmParameters", pairs);
            }
        }
        return previous;
    }

    private static String sha256LittleEndian(short[] values) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(2 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(values);
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** UIDs that a text attribute quotes, masked as the dump masks UID attributes. */
    private static JsonNode withUidsInTextMasked(JsonNode dump) {
        for (JsonNode file : dump) {
            ObjectNode f = (ObjectNode) file;
            f.put("DerivationDescription", f.get("DerivationDescription").asText().replaceAll("\\(series [0-9.]+\\)", "(series <uid>)"));
            if (f.path("SeriesDescription").asText().contains(" map (")) {
                f.remove("PixelData");
            }
            for (JsonNode segment : f.path("SegmentSequence")) {
                String description = segment.get("SegmentDescription").asText();
                ((ObjectNode) segment).put("SegmentDescription", description.replaceFirst(": [0-9.]+ mL \\(95 % interval .*$", ""));
            }
        }
        return dump;
    }

    /** Attribute by attribute; the message lists every difference. */
    private static void assertSameDump(JsonNode expected, JsonNode actual, String what) {
        List<String> differences = new ArrayList<>();
        assertEquals(names(expected), names(actual), what + ": the same files (series/instance numbers)");
        for (Iterator<String> files = expected.fieldNames(); files.hasNext(); ) {
            String file = files.next();
            compare(file, expected.get(file), actual.get(file), differences);
        }
        assertTrue(differences.isEmpty(), what + ": " + differences.size() + " difference(s) from the previous writer:\n  "
                + String.join("\n  ", differences.subList(0, Math.min(40, differences.size()))));
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected != null && expected.isObject() && actual != null && actual.isObject()) {
            List<String> keys = new ArrayList<>(names(expected));
            names(actual).stream().filter(k -> !keys.contains(k)).forEach(keys::add);
            for (String key : keys) {
                compare(path + "/" + key, expected.get(key), actual.get(key), differences);
            }
        } else if (expected != null && expected.isArray() && actual != null && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), differences);
            }
        } else if (expected == null || !expected.equals(actual)) {
            differences.add(path + ": previous " + expected + ", now " + actual);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The DICOM files under dir, but the SR: new since the previous writer (issue 18), OutputsTest checks it. */
    private static List<Path> dicomFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".dcm") && !p.getParent().endsWith("sr")).sorted().toList();
        }
    }

    private static JsonNode reference(String name) throws IOException {
        try (InputStream in = new GZIPInputStream(PreviousWriterTest.class.getResourceAsStream(RESOURCES + name))) {
            return new ObjectMapper().readTree(in);
        }
    }

    private record Inputs(VolumeGeometry geometry, short[][] low, short[][] high, byte[][] labels) { }

    /** The stored HU and labels, on the phantom's grid (96 pixels of 1.25 mm, 12 slices 0.6 mm apart around 0). */
    private static Inputs inputs() throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(
                PreviousWriterTest.class.getResourceAsStream(RESOURCES + "inputs.bin.gz")))) {
            int columns = in.readInt();
            int rows = in.readInt();
            int slices = in.readInt();
            short[][] low = new short[slices][columns * rows];
            short[][] high = new short[slices][columns * rows];
            byte[][] labels = new byte[slices][columns * rows];
            for (short[][] volume : new short[][][] {low, high}) {
                for (short[] slice : volume) {
                    for (int i = 0; i < slice.length; i++) {
                        slice[i] = in.readShort();
                    }
                }
            }
            for (byte[] slice : labels) {
                in.readFully(slice);
            }
            double[][] positions = new double[slices][];
            for (int z = 0; z < slices; z++) {
                positions[z] = new double[] {-59.375, -59.375, -3.3 + 0.6 * z};
            }
            VolumeGeometry g = new VolumeGeometry(columns, rows, 1.25, 1.25, new double[] {1, 0, 0}, new double[] {0, 1, 0},
                    positions, 0.6, 0.6);
            return new Inputs(g, low, high, labels);
        }
    }
}
