package org.dect.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What pydicom, a reader no one here wrote, makes of a file: the pixel array with the rescale
 * applied (HU for CT), as float64, so our decoding can be compared value by value.
 */
public final class Pydicom {

    private Pydicom() { }

    private static final String SCRIPT = String.join("\n",
            "import sys, numpy, pydicom",
            "ds = pydicom.dcmread(sys.argv[1])",
            "a = ds.pixel_array.astype(numpy.float64)",
            "a = a * float(getattr(ds, 'RescaleSlope', 1) or 1) + float(getattr(ds, 'RescaleIntercept', 0) or 0)",
            "a.astype('<f8').tofile(sys.argv[2])",
            "print(ds.Rows, ds.Columns, int(getattr(ds, 'NumberOfFrames', 1) or 1))");

    /** The rescaled pixel values of {@code file} as pydicom computes them, all frames, x fastest. */
    public static double[] rescaledPixels(Path file) {
        ExternalTools.requirePydicom();
        try {
            Path out = Files.createTempFile("pydicom-", ".f64");
            try {
                ExternalTools.check(List.of(ExternalTools.PYTHON, "-c", SCRIPT, file.toString(), out.toString()));
                ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
                double[] values = new double[buf.remaining() / 8];
                buf.asDoubleBuffer().get(values);
                return values;
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * What pydicom made of one file: its pixel values rescaled (all frames, x fastest), or why it could
     * not decode them; and the image's shape as the header says.
     */
    public record Decoded(double[] values, String error, int samplesPerPixel, int bitsAllocated) { }

    private static final String BATCH_SCRIPT = String.join("\n",
            "import json, sys, warnings, numpy, pydicom",
            "warnings.simplefilter('ignore')",
            "out = sys.argv[1]",
            "results = []",
            "for i, f in enumerate(sys.argv[2:]):",
            "    r = {'file': f}",
            "    try:",
            "        ds = pydicom.dcmread(f)",
            "        r['samples'] = int(getattr(ds, 'SamplesPerPixel', 1) or 1)",
            "        r['bits'] = int(getattr(ds, 'BitsAllocated', 0) or 0)",
            "        a = ds.pixel_array.astype(numpy.float64)",
            "        a = a * float(getattr(ds, 'RescaleSlope', 1) or 1) + float(getattr(ds, 'RescaleIntercept', 0) or 0)",
            "        a.astype('<f8').tofile('%s/%d.f64' % (out, i))",
            "    except Exception as e:",
            "        r['error'] = '%s: %s' % (type(e).__name__, e)",
            "    results.append(r)",
            "json.dump(results, open(out + '/results.json', 'w'))");

    /** {@link #rescaledPixels(Path)} of many files in one Python process, in the order given. */
    public static List<Decoded> rescaledPixels(List<Path> files) {
        ExternalTools.requirePydicom();
        try {
            Path out = Files.createTempDirectory("pydicom-");
            try {
                List<String> command = new java.util.ArrayList<>(List.of(ExternalTools.PYTHON, "-c", BATCH_SCRIPT, out.toString()));
                files.forEach(f -> command.add(f.toString()));
                ExternalTools.check(command);
                com.fasterxml.jackson.databind.JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(out.resolve("results.json").toFile());
                List<Decoded> decoded = new java.util.ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    com.fasterxml.jackson.databind.JsonNode r = results.get(i);
                    Path values = out.resolve(i + ".f64");
                    decoded.add(new Decoded(Files.exists(values) ? doubles(values) : null,
                            r.has("error") ? r.get("error").asText() : null, r.path("samples").asInt(1), r.path("bits").asInt(0)));
                }
                return decoded;
            } finally {
                try (var walk = Files.walk(out)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static double[] doubles(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[buf.remaining() / 8];
        buf.asDoubleBuffer().get(values);
        return values;
    }

    /** Runs a Python snippet with pydicom available and returns its stdout. */
    public static String eval(String script, String... args) {
        ExternalTools.requirePydicom();
        List<String> command = new java.util.ArrayList<>(List.of(ExternalTools.PYTHON, "-c", script));
        command.addAll(List.of(args));
        return ExternalTools.check(command);
    }
}
