package org.dect;

/**
 * Told how far a long stage has come. Called from worker threads, so implementations must be
 * thread-safe; {@code done} only grows within one stage.
 */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (stage, done, total) -> { };

    void progress(String stage, int done, int total);

    /** The same, with a short note to show beside the count (e.g. "1 failed"). */
    default void progress(String stage, int done, int total, String note) {
        progress(stage, done, total);
    }
}
