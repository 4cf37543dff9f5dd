package org.dect.dicom.net;

import java.io.IOException;
import java.nio.file.Path;

/** Where the receiver puts what it receives. Both calls return only when what they did is on disk. */
public interface InstanceSink {

    /** A new, empty temporary file for one incoming instance, on the file system of the spool. */
    Path newTemporaryFile() throws IOException;

    /**
     * Takes a received instance, already forced to disk in {@code file}, into the study it belongs to.
     * The receiver acknowledges the instance once this returns, and reports a failure to the sender when it throws.
     */
    void accept(Path file, String studyUid, String sopInstanceUid) throws IOException;
}
