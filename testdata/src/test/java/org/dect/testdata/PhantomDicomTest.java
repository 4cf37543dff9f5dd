package org.dect.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dect.OutputException;
import org.dect.ProgressListener;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;
import org.dect.testing.Dciodvfy;
import org.dect.testing.Pydicom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The phantom as files: valid DICOM, read alike by pydicom and by our loader, truth beside it. */
class PhantomDicomTest {

    @TempDir
    static Path tmp;

    static Phantom phantom;
    static Path study;

    @BeforeAll
    static void write() {
        phantom = PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT).withSize(64, 48, 10));
        study = tmp.resolve("study");
        PhantomWriter.write(phantom, study, false, 2, ProgressListener.NONE);
    }

    private static List<Path> files(String folder) throws IOException {
        try (Stream<Path> s = Files.list(study.resolve(folder))) {
            return s.sorted().toList();
        }
    }

    @Test
    void everyFilePassesDciodvfy() throws IOException {
        for (String folder : List.of(PhantomWriter.LOW_FOLDER, PhantomWriter.HIGH_FOLDER)) {
            List<Path> files = files(folder);
            assertEquals(10, files.size());
            Dciodvfy.assertValid(files.get(0));
            Dciodvfy.assertValid(files.get(files.size() - 1));
        }
    }

    @Test
    void loaderReadsBackExactlyWhatWasSimulated() {
        DualEnergyVolumes v = new DualEnergyLoader(2, ProgressListener.NONE).load(List.of(study), PairRequest.AUTOMATIC);
        assertTrue(v.pair().high().tinFilterRecorded());
        for (int z = 0; z < 10; z++) {
            assertArrayEquals(phantom.low().slices()[z], v.low().slices()[z], "low slice " + z);
            assertArrayEquals(phantom.high().slices()[z], v.high().slices()[z], "high slice " + z);
        }
    }

    @Test
    void pydicomReadsTheSameHuAtTheSamePosition() throws IOException {
        String script = "import sys, pydicom; d = pydicom.dcmread(sys.argv[1]); print(float(d.ImagePositionPatient[2]), d.KVP, d.Rows, d.Columns)";
        Path file = files(PhantomWriter.HIGH_FOLDER).get(3);
        String[] header = Pydicom.eval(script, file.toString()).trim().split(" ");
        double z = Double.parseDouble(header[0]);
        assertEquals(150, Double.parseDouble(header[1]));
        assertEquals("48", header[2]);
        assertEquals("64", header[3]);
        double[] hu = Pydicom.rescaledPixels(file);
        var g = phantom.high().geometry();
        int slice = (int) Math.round((z - g.slicePositions()[0][2]) / g.sliceSpacing());
        for (int i = 0; i < hu.length; i++) {
            assertEquals(phantom.high().slices()[slice][i], hu[i], 0.0, "pixel " + i);
        }
    }

    @Test
    void truthFilesDescribeThePhantom() throws IOException {
        JsonNode truth = new ObjectMapper().readTree(study.resolve(PhantomWriter.TRUTH_JSON).toFile());
        assertEquals(phantom.truth().urateVolumeMl(), truth.get("urate_volume_ml").asDouble(), 1e-12);
        assertEquals(phantom.truth().lesions().size(), truth.get("lesions").size());
        assertTrue(truth.get("lesions").size() >= 1, "a 6 mm stretch of wrist holds a deposit or more");
        assertEquals("urate", truth.get("lesions").get(0).get("material").asText());
        byte[] labels = Files.readAllBytes(study.resolve(PhantomWriter.TRUTH_LABELS));
        assertEquals(64 * 48 * 10, labels.length);
        assertEquals(phantom.truth().labels()[7][1000], labels[7 * 64 * 48 + 1000]);
    }

    @Test
    void refusesToOverwriteAndLeavesNoTrace() throws IOException {
        assertThrows(OutputException.class, () -> PhantomWriter.write(phantom, study, false, 1, ProgressListener.NONE));
        try (Stream<Path> s = Files.list(tmp)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("partial")), "no temporary folder left");
        }
    }
}
