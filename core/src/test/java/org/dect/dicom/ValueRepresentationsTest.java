package org.dect.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.ValueRepresentation;

import org.junit.jupiter.api.Test;

class ValueRepresentationsTest {

    /** The table is a shortcut past the dictionary, so it must say what the dictionary says, tag by tag. */
    @Test
    void everyEntryAgreesWithPixelMedsDictionary() throws Exception {
        int entries = 0;
        try (var in = ValueRepresentations.class.getResourceAsStream(ValueRepresentations.RESOURCE)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                AttributeTag tag = new AttributeTag(Integer.parseInt(f[0].substring(0, 4), 16), Integer.parseInt(f[0].substring(5, 9), 16));
                String dictionaryVr = new String(AttributeList.getDictionary().getValueRepresentationFromTag(tag), StandardCharsets.US_ASCII);
                assertEquals(dictionaryVr, f[1], line);
                assertEquals(f[2], AttributeList.getDictionary().getNameFromTag(tag), line);
                entries++;
            }
        }
        assertTrue(entries > 100, "entries: " + entries);
    }

    @Test
    void aTagOutsideTheTableGetsTheDictionarysVr() {
        AttributeTag notWritten = TagFromName.ReasonForStudy; // LO, and dect never writes it
        assertTrue(ValueRepresentation.isLongStringVR(ValueRepresentations.of(notWritten)));
    }
}
