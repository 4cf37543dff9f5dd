package org.dect.dicom.write;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;

/** What every writer of derived objects needs of dcm4che: decimal strings, coded items, sequences, files. */
final class Dicom {

    /** Source Application Entity Title of the files dect writes. */
    static final String APPLICATION = "DECT";

    private Dicom() { }

    /**
     * A decimal string (DS, at most 16 characters) that reads back as {@code v} wherever 16 characters
     * allow: the shortest decimal that parses to the same double, so that a position or spacing read
     * from a source header ("0.5859375", "-123.4") is written as it was. A double that needs more digits
     * (a sum such as -2.6999999999999997) is rounded to what fits.
     */
    static String ds(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits));
            if (rounded.doubleValue() == v) {
                String s = plain(rounded);
                if (s.length() <= 16) {
                    return s;
                }
                break;
            }
        }
        for (int digits = 15; digits >= 1; digits--) {
            String s = plain(exact.round(new MathContext(digits)));
            if (s.length() <= 16) {
                return s;
            }
        }
        throw new IllegalArgumentException("no 16-character decimal for " + v);
    }

    private static String plain(BigDecimal d) {
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /**
     * A text for an attribute of one value (VM 1) whose VR takes a backslash as the separator of values
     * (LO, SH, CS, PN): with one in it, a reader sees two values. Users name calibrations, and
     * "site\CT2" would split a series' description in two.
     */
    static String oneValue(String text) {
        return text.replace('\\', '/');
    }

    /** "a\b\c" of several decimals. */
    static String ds(double... values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            s.append(i > 0 ? "\\" : "").append(ds(values[i]));
        }
        return s.toString();
    }

    /** A coded-concept item: Code Value, Coding Scheme Designator, Code Meaning (PS3.3 8.8). */
    static Attributes coded(Code code) {
        Attributes item = new Attributes(3);
        item.setString(Tag.CodeValue, VR.SH, code.value());
        item.setString(Tag.CodingSchemeDesignator, VR.SH, code.scheme());
        item.setString(Tag.CodeMeaning, VR.LO, code.meaning());
        return item;
    }

    /** Sets {@code tag} to a sequence of one coded item. */
    static void setCode(Attributes parent, int tag, Code code) {
        parent.newSequence(tag, 1).add(coded(code));
    }

    /** Sets {@code tag} to a sequence of one new, empty item and returns the item. */
    static Attributes newItem(Attributes parent, int tag) {
        Attributes item = new Attributes();
        parent.newSequence(tag, 1).add(item);
        return item;
    }

    /** Writes a data set as a DICOM file (Part 10): file meta information, then Explicit VR Little Endian. */
    static void write(Attributes dataset, Path file) throws IOException {
        Attributes meta = dataset.createFileMetaInformation(UID.ExplicitVRLittleEndian);
        meta.setString(Tag.SourceApplicationEntityTitle, VR.AE, APPLICATION);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             DicomOutputStream out = new DicomOutputStream(os, UID.ExplicitVRLittleEndian)) {
            out.writeDataset(meta, dataset);
        }
    }
}
