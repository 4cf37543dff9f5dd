package org.dect;

/**
 * A problem the user can act on: bad input, an output that cannot be written. The message is shown
 * as it is, so it names the file or series and says what to do. Programming errors stay ordinary
 * runtime exceptions; the CLI reports those as internal errors.
 */
public abstract class DectException extends RuntimeException {

    /** What went wrong, from the user's side; the CLI maps each to its documented exit code. */
    public enum Kind { INPUT, OUTPUT, MEMORY }

    protected DectException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Kind kind();
}
