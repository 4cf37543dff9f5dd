package org.dect.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * DICOM files as pydicom dumps them (dicom_dump.py): one JSON object per file, keyed by
 * "series number/instance number", each attribute by keyword, with what differs by nature between two
 * runs masked (UIDs, dates and times, the writer's implementation identity) and bulk values as their
 * length and SHA-256. Two writers' outputs can then be compared attribute by attribute.
 */
public final class DicomDump {

    private DicomDump() { }

    public static JsonNode of(List<Path> files) {
        ExternalTools.requirePydicom();
        try {
            Path script = Files.createTempFile("dicom_dump", ".py");
            Path out = Files.createTempFile("dicom_dump", ".json");
            try (InputStream in = DicomDump.class.getResourceAsStream("dicom_dump.py")) {
                Files.write(script, in.readAllBytes());
            }
            try {
                List<String> command = new ArrayList<>(List.of(ExternalTools.PYTHON, script.toString(), out.toString()));
                files.forEach(f -> command.add(f.toString()));
                ExternalTools.check(command);
                return new ObjectMapper().readTree(out.toFile());
            } finally {
                Files.deleteIfExists(script);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
