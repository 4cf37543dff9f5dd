package org.dect.dicom.write;

/** A coded concept: code value, coding scheme designator and code meaning (PS3.3 8.8). */
public record Code(String value, String scheme, String meaning) {

    public Code {
        if (value.isBlank() || scheme.isBlank() || meaning.isBlank()) {
            throw new IllegalArgumentException("a code needs a value, a scheme and a meaning");
        }
    }
}
