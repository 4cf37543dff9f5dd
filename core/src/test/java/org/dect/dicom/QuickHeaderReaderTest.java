package org.dect.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dect.testing.ExternalTools;
import org.dect.testing.SeriesFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick header reader against PixelMed, on every file of pydicom's test set (explicit and implicit
 * VR, sequences nested, private and of unknown VR, odd character sets, broken VRs, truncated files,
 * compressed pixels) and on the fixture series: wherever it answers, its headers must equal
 * PixelMed's; where it does not, PixelMed reads the file as before.
 */
class QuickHeaderReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsEveryFileItAnswersForExactlyLikePixelMed() throws Exception {
        Path pydicom = ExternalTools.requireFile(SliceReaderTest.PYDICOM_DATA.resolve("CT_small.dcm"), "python3-pydicom").getParent();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(pydicom)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        List<String> fixture;
        try (Stream<Path> walk = Files.walk(new SeriesFixture().writePair(tmp))) {
            List<Path> written = walk.filter(Files::isRegularFile).sorted().toList();
            files.addAll(written);
            fixture = written.stream().map(f -> f.getFileName().toString()).toList();
        }
        List<String> answered = new ArrayList<>();
        for (Path file : files) {
            List<SliceHeader> quick = QuickHeaderReader.read(file);
            if (quick != null) {
                assertEquals(describe(HeaderReader.readWithPixelMed(file)), describe(quick), file.toString());
                answered.add(file.getFileName().toString());
            }
        }
        // Not vacuous: the common kinds are answered (explicit and implicit VR, compressed, the fixtures).
        for (String name : List.of("CT_small.dcm", "MR_small.dcm", "MR_small_implicit.dcm", "JPEG2000.dcm", "MR_small_RLE.dcm")) {
            assertEquals(true, answered.contains(name), name + " answered; answered: " + answered);
        }
        assertEquals(16, fixture.size());
        assertEquals(true, answered.containsAll(fixture), "every fixture slice answered: " + answered);
    }

    @Test
    void leavesOtherEncodingsMultiFrameAndNonImagesToPixelMed() throws Exception {
        ExternalTools.requireFile(SliceReaderTest.PYDICOM_DATA.resolve("CT_small.dcm"), "python3-pydicom");
        for (String name : List.of("ExplVR_BigEnd.dcm", "image_dfl.dcm", "no_meta.dcm", "ExplVR_LitEndNoMeta.dcm",
                "rtdose.dcm", "test-SR.dcm", "rtplan.dcm")) {
            assertNull(QuickHeaderReader.read(SliceReaderTest.PYDICOM_DATA.resolve(name)), name);
        }
        assertNotNull(QuickHeaderReader.read(SliceReaderTest.PYDICOM_DATA.resolve("CT_small.dcm")));
    }

    /** Every component, arrays by value. */
    private static String describe(List<SliceHeader> slices) {
        return slices.stream().map(s -> String.join(" | ", s.file().toString(), s.frame() + "/" + s.frameCount(),
                s.sopInstanceUid(), String.valueOf(s.instanceNumber()), s.identity().toString(), s.acquisition().toString(),
                s.plane().rows() + "x" + s.plane().columns(), s.plane().rowSpacing() + "," + s.plane().columnSpacing(),
                Arrays.toString(s.plane().position()), Arrays.toString(s.plane().orientation()), String.valueOf(s.plane().thickness()),
                s.encoding().toString())).collect(Collectors.joining("\n"));
    }
}
