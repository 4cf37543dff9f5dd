package org.dect.dicom.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.dect.InputException;
import org.dect.ProgressListener;

/**
 * Coverage-guided fuzzing (Jazzer) of what dect does with a file it is given: scan it, and if it is an
 * image, decode its first slice to HU. A clear {@link InputException} is the only failure allowed;
 * any other exception, an error (out of memory, a stack overflow) or a hang is a finding.
 *
 * <p>Each test run replays the seeds and saved findings (ReadFuzzTestInputs/scanThenLoad) and, in the
 * surefire execution "fuzz" (JAZZER_FUZZ=1), fuzzes for the fixed budget below. scripts/fuzz.sh
 * runs the same target for as long as asked ({@link #fuzzerTestOneInput}, Jazzer's own command line).
 */
public class ReadFuzzTest {

    /** A decoder that hangs (jai-imageio on some broken codestreams) is refused after this, not after the 30 s of a real run. */
    private static final Duration DECODE_TIMEOUT = Duration.ofSeconds(2);

    /** One file per thread, rewritten for each input: a fresh temporary folder per input would cost more than the parse. */
    private static final ThreadLocal<Path> FILE = ThreadLocal.withInitial(() -> {
        try {
            Path dir = Files.createTempDirectory("dect-fuzz-");
            dir.toFile().deleteOnExit();
            return dir.resolve("input.dcm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    @FuzzTest(maxDuration = "30s")
    void scanThenLoad(byte[] data) throws IOException {
        fuzzerTestOneInput(data);
    }

    /** The target, also for Jazzer's command line (scripts/fuzz.sh). */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        Path file = FILE.get();
        Files.write(file, data);
        try {
            List<SliceHeader> slices = new DicomFolderScanner(1, ProgressListener.NONE).scan(List.of(file)).slices();
            if (!slices.isEmpty()) {
                new PixelReader(1, ProgressListener.NONE, DECODE_TIMEOUT).readHu(slices.subList(0, 1));
            }
        } catch (InputException expected) {
            // a clear error is the right answer to a broken file
        }
    }
}
