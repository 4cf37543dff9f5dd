package org.dect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.UID;
import org.dcm4che3.io.DicomInputStream;
import org.dcm4che3.io.DicomOutputStream;

/** Rewrites DICOM files with a change, to make the fault a test needs: an attribute removed, a UID changed. */
public final class DicomEdit {

    private DicomEdit() { }

    /** Applies {@code change} to every file of the folder (not below it), in name order, and writes each back. */
    public static void each(Path folder, Consumer<Attributes> change) {
        for (Path f : files(folder)) {
            edit(f, change);
        }
    }

    public static void edit(Path file, Consumer<Attributes> change) {
        try {
            Attributes a;
            try (DicomInputStream in = new DicomInputStream(file.toFile())) {
                a = in.readDataset();
            }
            change.accept(a);
            try (DicomOutputStream out = new DicomOutputStream(Files.newOutputStream(file), UID.ExplicitVRLittleEndian)) {
                out.writeDataset(a.createFileMetaInformation(UID.ExplicitVRLittleEndian), a);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> files(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
