package org.dect.dicom.read;

import java.io.IOException;
import java.nio.file.Path;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.io.DicomInputStream;

/** The Study Date (YYYYMMDD) of a file, read up to the pixel data; "" when it has none or cannot be read. */
public final class StudyDate {

    private StudyDate() { }

    public static String of(Path file) {
        try (DicomInputStream in = new DicomInputStream(file.toFile())) {
            Attributes a = in.readDatasetUntilPixelData();
            return a.getString(Tag.StudyDate, "");
        } catch (IOException e) {
            return "";
        }
    }
}
