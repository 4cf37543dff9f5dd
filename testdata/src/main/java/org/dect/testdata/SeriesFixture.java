package org.dect.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dect.ProgressListener;
import org.dect.dicom.write.Uids;
import org.dect.volume.VolumeGeometry;

/**
 * Small CT series for tests, written by the phantom's CT writer, with pixel values that encode where
 * they belong: HU(x, y, z) = {@link #expectedHu}, so a test can see whether slices came back in
 * the right order, whatever the files are called.
 */
public final class SeriesFixture {

    public static final int SIZE = 32;

    private final StudyInfo study = new StudyInfo("Test^Fixture", "FIX1", Uids.newUid(), "20260101", "101010", "1", "A1", Uids.newUid());

    /** HU of voxel (x, y) of the slice at height zMm, at this kVp: distinct for every voxel, slice and energy. */
    public static int expectedHu(int x, int y, double zMm, double kvp) {
        return (int) Math.round(x + 40 * y + 7 * zMm + (kvp > 100 ? 1500 : -500));
    }

    public StudyInfo study() {
        return study;
    }

    /** Writes a series of axial slices at z = z0 + k·spacing into {@code folder} (created). */
    public Path write(Path folder, double kvp, String kernel, int slices, double spacing, double pixel) {
        double[][] positions = new double[slices][];
        for (int k = 0; k < slices; k++) {
            positions[k] = new double[] {-10, -10, -20 + k * spacing};
        }
        return write(folder, kvp, kernel, positions, pixel, SIZE);
    }

    public Path write(Path folder, double kvp, String kernel, double[][] positions, double pixel, int size) {
        VolumeGeometry g = new VolumeGeometry(size, size, pixel, pixel, new double[] {1, 0, 0}, new double[] {0, 1, 0},
                positions, positions.length > 1 ? positions[1][2] - positions[0][2] : 1, 1.0);
        short[][] hu = new short[positions.length][size * size];
        for (int z = 0; z < positions.length; z++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    hu[z][y * size + x] = (short) expectedHu(x, y, positions[z][2], kvp);
                }
            }
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CtSeriesSpec spec = new CtSeriesSpec(study, Uids.newUid(), (int) kvp, "Fixture " + (int) kvp + "kV " + kernel, kvp,
                kvp > 100 ? "TIN" : null, kernel);
        new CtSeriesWriter(2, ProgressListener.NONE).write(spec, g, hu, folder);
        return folder;
    }

    /** A low (80 kV) and high (150 kV) series of 8 slices, 1 mm apart, under study/low and study/high. */
    public Path writePair(Path study) {
        write(study.resolve("low"), 80, "Qr40", 8, 1.0, 0.5);
        write(study.resolve("high"), 150, "Qr40", 8, 1.0, 0.5);
        return study;
    }
}
