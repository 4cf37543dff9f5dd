package org.dect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
