package org.dect;

/** An output cannot be written: the folder exists, is inside an input, or the disk refused. */
public final class OutputException extends DectException {

    public OutputException(String message) {
        super(message, null);
    }

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.OUTPUT;
    }
}
