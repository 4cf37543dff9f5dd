package org.dect.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.dect.InputException;
import org.dect.ProgressListener;
import org.dect.testing.ExternalTools;
import org.dect.testing.Pydicom;
import org.dect.testing.SeriesFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoding checked against pydicom on files no one here wrote: Debian's pydicom test data, and
 * CT_small.dcm re-encoded by dcmtk into each transfer syntax. Every lossless encoding must give the
 * values pydicom computes from the uncompressed original, to the HU.
 */
class SliceReaderTest {

    static final Path PYDICOM_DATA = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    @TempDir
    Path tmp;

    private static Path testFile(String name) {
        return ExternalTools.requireFile(PYDICOM_DATA.resolve(name), "python3-pydicom");
    }

    /** Our HU for the first frame of a single file. */
    static short[] readHu(Path file) {
        List<SliceHeader> slices = new DicomFolderScanner(1, ProgressListener.NONE).scan(List.of(file)).slices();
        return new SliceReader(1, ProgressListener.NONE).readHu(slices.subList(0, 1))[0];
    }

    private static void assertSameAsPydicom(Path ours, Path reference) {
        short[] hu = readHu(ours);
        double[] expected = Pydicom.rescaledPixels(reference);
        assertTrue(expected.length >= hu.length, "pydicom returned " + expected.length + " values");
        for (int i = 0; i < hu.length; i++) {
            assertEquals(Math.round(expected[i]), hu[i], ours.getFileName() + " pixel " + i);
        }
    }

    @Test
    void ctSmallMatchesPydicom() {
        Path ct = testFile("CT_small.dcm");
        assertSameAsPydicom(ct, ct);
        short[] hu = readHu(ct);
        assertEquals(128 * 128, hu.length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "dcmcjpeg +e1, JPEG Lossless SV1",
        "dcmcjpeg +el, JPEG Lossless",
        "dcmcrle, RLE",
        "dcmconv +td, deflate",
        "dcmconv +tb, big endian",
        "dcmconv +ti, implicit VR"})
    void ctSmallReencodedByDcmtkDecodesToTheSameHu(String command, String what) {
        String[] parts = command.split(" ");
        ExternalTools.require(parts[0], "dcmtk");
        Path ct = testFile("CT_small.dcm");
        Path encoded = tmp.resolve("ct-" + what.replace(' ', '-') + ".dcm");
        List<String> cmd = new java.util.ArrayList<>(List.of(parts));
        cmd.addAll(List.of(ct.toString(), encoded.toString()));
        ExternalTools.check(cmd);
        assertSameAsPydicom(encoded, ct);
    }

    /**
     * Uncompressed little-endian files take the direct read, and give the values the fixture wrote; a
     * file with an element after Pixel Data (CT_small.dcm ends with Data Set Trailing Padding) is not
     * laid out as that read expects, so PixelMed reads it (and pydicom agrees, above).
     */
    @Test
    void uncompressedFilesAreReadDirectlyAndOtherLayoutsByPixelMed() throws Exception {
        ExternalTools.require("dcmconv", "dcmtk");
        Path explicit;
        try (var files = java.nio.file.Files.list(new SeriesFixture().write(tmp.resolve("fixture"), 80, "Qr40", 1, 1.0, 0.5))) {
            explicit = files.findFirst().orElseThrow();
        }
        Path implicit = tmp.resolve("implicit.dcm");
        ExternalTools.check(List.of("dcmconv", "+ti", explicit.toString(), implicit.toString()));
        for (Path file : List.of(explicit, implicit)) {
            SliceHeader slice = new DicomFolderScanner(1, ProgressListener.NONE).scan(List.of(file)).slices().get(0);
            assertTrue(RawPixelData.applies(slice), file + " is uncompressed little endian");
            assertNotNull(RawPixelData.read(slice), file + " is read directly");
            short[] hu = readHu(file);
            for (int y = 0; y < SeriesFixture.SIZE; y++) {
                for (int x = 0; x < SeriesFixture.SIZE; x++) {
                    assertEquals(SeriesFixture.expectedHu(x, y, slice.plane().position()[2], 80), hu[y * SeriesFixture.SIZE + x]);
                }
            }
        }
        SliceHeader padded = new DicomFolderScanner(1, ProgressListener.NONE).scan(List.of(testFile("CT_small.dcm"))).slices().get(0);
        assertTrue(RawPixelData.applies(padded));
        assertNull(RawPixelData.read(padded), "an element after Pixel Data: not read directly");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "MR_small_jp2klossless.dcm, MR_small.dcm",
        "MR_small_RLE.dcm, MR_small.dcm",
        "MR_small_bigendian.dcm, MR_small.dcm",
        "MR_small_expb.dcm, MR_small.dcm",
        "MR_small_implicit.dcm, MR_small.dcm",
        "image_dfl.dcm, image_dfl.dcm"})
    void pydicomTestFilesDecodeLikePydicom(String file, String reference) {
        assertSameAsPydicom(testFile(file), testFile(reference));
    }

    @Test
    void jpegLsIsRefusedWithTheFix() {
        String message = assertThrows(InputException.class, () -> readHu(testFile("MR_small_jpeg_ls_lossless.dcm"))).getMessage();
        assertTrue(message.contains("JPEG-LS Lossless (1.2.840.10008.1.2.4.80)") && message.contains("dcmdjpls")
                && message.contains("MR_small_jpeg_ls_lossless.dcm"), message);
    }

    @Test
    void twelveBitLossyJpegIsRefusedWithTheFix() {
        String message = assertThrows(InputException.class, () -> readHu(testFile("JPGExtended.dcm"))).getMessage();
        assertTrue(message.contains("JPEG Extended (12-bit lossy) (1.2.840.10008.1.2.4.51)") && message.contains("dcmdjpeg"), message);
    }

    @Test
    void rescaleHonoursBitsStoredSignAndSlope() {
        // 12 bits stored, signed: 0x0FFF is -1; garbage above bit 11 is ignored.
        var enc = new SliceHeader.PixelEncoding("1.2.840.10008.1.2.1", 16, 12, true, 1, "MONOCHROME2", 1, -1024);
        assertEquals(-1025, SliceReader.rescale(new short[] {(short) 0xFFFF}, 0, 1, enc, new short[1])[0]);
        assertEquals(-1024 + 2047, SliceReader.rescale(new short[] {0x07FF}, 0, 1, enc, new short[1])[0]);
        var scaled = new SliceHeader.PixelEncoding("1.2.840.10008.1.2.1", 16, 16, false, 1, "MONOCHROME2", 0.5, -1000.25);
        assertEquals(Math.round(3001 * 0.5 - 1000.25), SliceReader.rescale(new short[] {3001}, 0, 1, scaled, new short[1])[0]);
        var huge = new SliceHeader.PixelEncoding("1.2.840.10008.1.2.1", 16, 16, false, 1, "MONOCHROME2", 10, 0);
        assertEquals(Short.MAX_VALUE, SliceReader.rescale(new short[] {(short) 60000}, 0, 1, huge, new short[1])[0], "clamped, not wrapped");
    }
}
