package org.dect;

/** The input cannot be used as given: a missing folder, no dual-energy pair, a broken file. */
public final class InputException extends DectException {

    public InputException(String message) {
        super(message, null);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.INPUT;
    }
}
