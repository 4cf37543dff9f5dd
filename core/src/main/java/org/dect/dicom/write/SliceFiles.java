package org.dect.dicom.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.dcm4che3.data.Attributes;

import org.dect.OutputException;
import org.dect.Parallel;
import org.dect.ProgressListener;

/** Writes one DICOM file per slice, slices in parallel, as Explicit VR Little Endian with file meta information. */
public final class SliceFiles {

    /** Builds the object of slice z, whose SOP Instance UID is given. */
    @FunctionalInterface
    public interface SliceObject {
        Attributes build(int z, String sopInstanceUid);
    }

    private SliceFiles() { }

    /**
     * @param namedByUid files named after their SOP Instance UID (as exports do) rather than IM0001.dcm …
     * @param stage      the progress stage name
     */
    public static void write(int count, Path folder, boolean namedByUid, int threads, ProgressListener progress, String stage,
                             SliceObject object) {
        write(count, folder, namedByUid, UidSource.RANDOM, threads, progress, stage, object);
    }

    /** As above, slice z's SOP Instance UID being {@code uids}' "instance/z". */
    public static void write(int count, Path folder, boolean namedByUid, UidSource uids, int threads, ProgressListener progress,
                             String stage, SliceObject object) {
        AtomicInteger done = new AtomicInteger();
        Parallel.map(IntStream.range(0, count).boxed().toList(), threads, z -> {
            String uid = uids.uid("instance/" + z);
            Path file = folder.resolve(namedByUid ? uid + ".dcm" : String.format(Locale.ROOT, "IM%04d.dcm", z + 1));
            try {
                Dicom.write(object.build(z, uid), file);
            } catch (IOException e) {
                throw new OutputException("Cannot write " + file + ": " + e.getMessage(), e);
            }
            progress.progress(stage, done.incrementAndGet(), count);
            return null;
        });
    }
}
