package org.dect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.io.DicomInputStream;
import org.dcm4che3.io.DicomOutputStream;
import org.dect.dicom.read.HeaderReader;
import org.dect.testing.ExternalTools;
import org.dect.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No library prints to the user's terminal: dcm4che's log lines (through slf4j-simple) are off unless
 * -v asks for them. Checked in a process of its own, since only a real process has the real stderr
 * that a library writes to. The input makes dcm4che warn: pydicom's file without a File Meta
 * Information Group Length and with a VR code it does not know, and a truncated file.
 */
class LibraryLoggingTest {

    @TempDir
    Path tmp;

    private ExternalTools.Result dect(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return ExternalTools.run(command, null);
    }

    @Test
    void dcm4cheIsSilentUnlessVerbose() throws IOException {
        Path study = Files.createDirectories(tmp.resolve("study"));
        Files.copy(TestData.pydicom("no_meta_group_length.dcm"), study.resolve("a.dcm"));
        Files.copy(TestData.pydicom("MR_truncated.dcm"), study.resolve("b.dcm"));

        ExternalTools.Result quiet = dect("inspect", study.toString());
        assertEquals(3, quiet.exitCode(), quiet.output());
        assertTrue(quiet.output().contains("b.dcm: file is truncated"), quiet.output());
        assertFalse(quiet.output().contains("DicomInputStream") || quiet.output().contains("WARN")
                || quiet.output().contains("SLF4J") || quiet.output().contains("\tat "), "library lines:\n" + quiet.output());

        ExternalTools.Result verbose = dect("-v", "inspect", study.toString());
        assertEquals(3, verbose.exitCode(), verbose.output());
        assertTrue(verbose.output().contains("[WARN] DicomInputStream - Missing or wrong File Meta Information Group Length"),
                verbose.output());
    }

    /**
     * jai-imageio's JPEG 2000 decoder prints the stack trace of a broken tile to System.err itself,
     * before it throws. A 32×32 phantom pair whose first low-kVp slice is replaced by the broken slice
     * ReadFuzzTest found (same size; given that slice's UIDs, position and rescale, its broken pixel
     * data kept byte for byte): dect's message, and the library's trace only with -v.
     */
    @Test
    void aCodecsOwnStackTraceStaysOffTheTerminal() throws IOException {
        Path study = tmp.resolve("study");
        assertEquals(0, dect("-q", "phantom", study.toString(), "--size", "32x32x2").exitCode());
        Path victim;
        try (var files = Files.list(study.resolve("low"))) {
            victim = files.sorted().findFirst().orElseThrow();
        }
        Attributes slice;
        try (DicomInputStream in = new DicomInputStream(victim.toFile())) {
            slice = in.readDatasetUntilPixelData();
        }
        byte[] broken;
        try (var in = HeaderReader.class.getResourceAsStream("ReadFuzzTestInputs/scanThenLoad/finding-j2k-tile-error.dcm")) {
            broken = in.readAllBytes();
        }
        Attributes header;
        long pixelDataAt;
        String ts;
        try (DicomInputStream in = new DicomInputStream(new java.io.ByteArrayInputStream(broken))) {
            header = in.readDatasetUntilPixelData();
            pixelDataAt = in.getTagPosition();
            ts = in.getTransferSyntax();
        }
        for (int tag : new int[] {Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.FrameOfReferenceUID, Tag.SOPInstanceUID,
            Tag.ImagePositionPatient, Tag.PixelSpacing, Tag.SliceThickness, Tag.SeriesNumber, Tag.RescaleIntercept, Tag.KVP}) {
            header.setValue(tag, slice.getVR(tag), slice.getValue(tag));
        }
        try (var out = Files.newOutputStream(victim)) {
            try (DicomOutputStream dicom = new DicomOutputStream(new java.io.FilterOutputStream(out) {
                @Override
                public void close() { } // the broken pixel data follows on the same stream
            }, UID.ExplicitVRLittleEndian)) {
                dicom.writeDataset(header.createFileMetaInformation(ts), header);
            }
            out.write(broken, (int) pixelDataAt, broken.length - (int) pixelDataAt);
        }

        ExternalTools.Result quiet = dect("decompose", study.toString());
        assertEquals(3, quiet.exitCode(), quiet.output());
        assertTrue(quiet.output().contains("Cannot decode the pixels of " + victim), quiet.output());
        assertFalse(quiet.output().contains("\tat ") || quiet.output().contains("jj2000"), "library lines:\n" + quiet.output());

        ExternalTools.Result verbose = dect("-v", "decompose", study.toString());
        assertEquals(3, verbose.exitCode(), verbose.output());
        assertTrue(verbose.output().contains("at jj2000.j2k"), "with -v the library's own trace shows:\n" + verbose.output());
    }
}
