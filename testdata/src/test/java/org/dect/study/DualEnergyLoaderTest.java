package org.dect.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.dect.InputException;
import org.dect.ProgressListener;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.VR;
import org.dect.testing.DicomEdit;
import org.dect.testing.ExternalTools;
import org.dect.testdata.SeriesFixture;
import org.dect.volume.HuVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DualEnergyLoaderTest {

    @TempDir
    Path tmp;

    private final SeriesFixture fixture = new SeriesFixture();
    private final DualEnergyLoader loader = new DualEnergyLoader(2, ProgressListener.NONE);

    private DualEnergyVolumes load(Path... inputs) {
        return loader.load(List.of(inputs), PairRequest.AUTOMATIC);
    }

    private String loadError(Path... inputs) {
        return assertThrows(InputException.class, () -> load(inputs)).getMessage();
    }

    @Test
    void sortsByPositionWhateverTheFilesAreCalledOrWhere() throws IOException {
        Path written = fixture.writePair(tmp.resolve("export"));
        // Scatter the files over nested folders under shuffled names, and add junk beside them.
        Path study = tmp.resolve("study");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(written)) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        Collections.shuffle(files, new Random(3));
        for (int i = 0; i < files.size(); i++) {
            Path target = study.resolve("d" + (i % 3)).resolve("x" + (i % 2)).resolve(String.format("IMG%04d", files.size() - i));
            Files.createDirectories(target.getParent());
            Files.copy(files.get(i), target);
        }
        Files.writeString(study.resolve("README.txt"), "exported by PACS\n");
        Files.write(study.resolve("d0").resolve("thumbs.db"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        Files.write(study.resolve("empty.bin"), new byte[0]);

        StudyScan scan = loader.scan(List.of(study));
        assertEquals(3, scan.files().nonDicomFiles());
        DualEnergyVolumes v = loader.load(PairSelector.choose(scan.series(), PairRequest.AUTOMATIC));

        assertEquals(80.0, v.pair().low().kvp());
        assertEquals(150.0, v.pair().high().kvp());
        assertVoxelsMatchFixture(v.low(), 80);
        assertVoxelsMatchFixture(v.high(), 150);
        assertEquals(1.0, v.low().geometry().sliceSpacing(), 1e-9);
    }

    private static void assertVoxelsMatchFixture(HuVolume volume, double kvp) {
        var g = volume.geometry();
        assertEquals(8, g.slices());
        for (int z = 0; z < g.slices(); z++) {
            assertEquals(-20 + z, g.slicePositions()[z][2], 1e-6, "slices ascend along the normal");
            for (int y = 0; y < g.rows(); y += 5) {
                for (int x = 0; x < g.columns(); x += 3) {
                    assertEquals(SeriesFixture.expectedHu(x, y, g.slicePositions()[z][2], kvp), volume.get(x, y, z),
                            "voxel " + x + "," + y + "," + z);
                }
            }
        }
    }

    @Test
    void missingFolderIsNamed() {
        Path missing = tmp.resolve("nope");
        assertTrue(loadError(missing).contains(missing + " does not exist"));
    }

    @Test
    void emptyFolderIsNamed() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertTrue(loadError(empty).contains("is empty"));
    }

    @Test
    void folderOfJunkHasNoImages() throws IOException {
        Path junk = Files.createDirectories(tmp.resolve("junk"));
        Files.writeString(junk.resolve("a.txt"), "hello");
        String message = loadError(junk);
        assertTrue(message.contains("No DICOM images") && message.contains("1 not DICOM"), message);
    }

    @Test
    void noCtSeries() throws IOException {
        Path mr = ExternalTools.requireFile(Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/MR_small.dcm"),
                "python3-pydicom");
        Path folder = Files.createDirectories(tmp.resolve("mr"));
        Files.copy(mr, folder.resolve("image"));
        String message = loadError(folder);
        assertTrue(message.contains("No CT series") && message.contains("not CT (modality MR)"), message);
    }

    @Test
    void onlyOneEnergy() {
        fixture.write(tmp.resolve("s/low"), 80, "Qr40", 8, 1, 0.5);
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains("Only one energy") && message.contains("80 kV"), message);
    }

    @Test
    void sameKvpTwice() {
        fixture.write(tmp.resolve("s/a"), 80, "Qr40", 8, 1, 0.5);
        fixture.write(tmp.resolve("s/b"), 80, "Qr40", 8, 1, 0.5);
        assertTrue(loadError(tmp.resolve("s")).contains("Only one energy"));
        String message = assertThrows(InputException.class, () -> loader.load(List.of(tmp.resolve("s")),
                new PairRequest(tmp.resolve("s/a").toString(), tmp.resolve("s/b").toString()))).getMessage();
        assertTrue(message.contains("both at 80 kV"), message);
    }

    @Test
    void differentSliceCounts() {
        fixture.write(tmp.resolve("s/low"), 80, "Qr40", 8, 1, 0.5);
        fixture.write(tmp.resolve("s/high"), 150, "Qr40", 7, 1, 0.5);
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains("different slice counts: 8 in low") && message.contains("7 in high"), message);
    }

    @Test
    void missingSliceIsLocated() throws IOException {
        fixture.writePair(tmp.resolve("s"));
        Path victim = sliceAt(tmp.resolve("s/low"), -17);
        Files.delete(victim);
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains("missing 1 slice(s), at position(s) -17.00"), message);
    }

    @Test
    void geometryDiffersBetweenEnergies() {
        fixture.write(tmp.resolve("s/low"), 80, "Qr40", 8, 1, 0.5);
        fixture.write(tmp.resolve("s/high"), 150, "Qr40", 8, 1, 0.6);
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains("do not share one geometry") && message.contains("pixel spacing"), message);
    }

    @Test
    void slicePositionsDifferBetweenEnergies() {
        fixture.write(tmp.resolve("s/low"), 80, "Qr40", 8, 1, 0.5);
        double[][] shifted = new double[8][];
        for (int k = 0; k < 8; k++) {
            shifted[k] = new double[] {-10, -10, -19.5 + k};
        }
        fixture.write(tmp.resolve("s/high"), 150, "Qr40", shifted, 0.5, SeriesFixture.SIZE);
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains("Slice 1 lies at different positions") && message.contains("0.500 mm apart"), message);
    }

    @Test
    void irregularSpacingIsRefused() {
        double[][] positions = {{-10, -10, 0}, {-10, -10, 1}, {-10, -10, 2}, {-10, -10, 3.4}, {-10, -10, 4.4}, {-10, -10, 5.4}};
        fixture.write(tmp.resolve("s/low"), 80, "Qr40", positions, 0.5, SeriesFixture.SIZE);
        fixture.write(tmp.resolve("s/high"), 150, "Qr40", positions, 0.5, SeriesFixture.SIZE);
        assertTrue(loadError(tmp.resolve("s")).contains("irregular slice spacing: 1.400 mm"));
    }

    @Test
    void truncatedFileIsNamed() throws IOException {
        fixture.writePair(tmp.resolve("s"));
        Path victim = sliceAt(tmp.resolve("s/high"), -15);
        try (FileChannel ch = FileChannel.open(victim, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 500);
        }
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains(victim.toString()) && message.contains("truncated"), message);
    }

    @Test
    void brokenDicomFileStopsTheScan() throws IOException {
        fixture.writePair(tmp.resolve("s"));
        byte[] bytes = new byte[400];
        bytes[128] = 'D';
        bytes[129] = 'I';
        bytes[130] = 'C';
        bytes[131] = 'M';
        for (int i = 132; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37);
        }
        Path broken = tmp.resolve("s/low/broken.dcm");
        Files.write(broken, bytes);
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains("look like DICOM but cannot be read") && message.contains(broken.toString()), message);
    }

    @Test
    void jpegLsNamesTheSyntaxAndTheFix() throws IOException {
        ExternalTools.require("dcmcjpls", "dcmtk");
        fixture.writePair(tmp.resolve("export"));
        Path study = tmp.resolve("s");
        copyTree(tmp.resolve("export/high"), study.resolve("high"));
        Files.createDirectories(study.resolve("low"));
        try (Stream<Path> files = Files.list(tmp.resolve("export/low"))) {
            for (Path f : files.toList()) {
                ExternalTools.check(List.of("dcmcjpls", f.toString(), study.resolve("low").resolve(f.getFileName()).toString()));
            }
        }
        String message = loadError(study);
        assertTrue(message.contains("JPEG-LS Lossless Image Compression (1.2.840.10008.1.2.4.80)") && message.contains("dcmdjpls"), message);
    }

    @Test
    void twoKernelsAtBothEnergiesAskTheUserToChoose() {
        fixture.write(tmp.resolve("s/low-soft"), 80, "Qr40", 8, 1, 0.5);
        fixture.write(tmp.resolve("s/high-soft"), 150, "Qr40", 8, 1, 0.5);
        fixture.write(tmp.resolve("s/low-bone"), 80, "Qr69", 8, 1, 0.5);
        fixture.write(tmp.resolve("s/high-bone"), 150, "Qr69", 8, 1, 0.5);
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains("More than one dual-energy pair") && message.contains("Qr69") && message.contains("--low"), message);

        DualEnergyVolumes v = loader.load(List.of(tmp.resolve("s")),
                new PairRequest(tmp.resolve("s/low-bone").toString(), tmp.resolve("s/high-bone").toString()));
        assertEquals("Qr69", v.pair().low().kernel());
        assertEquals("Qr69", v.pair().high().kernel());

        // One side named, the other found: the high-kVp series that shares the low's kernel.
        DualEnergyVolumes byUid = loader.load(List.of(tmp.resolve("s")), new PairRequest(v.pair().low().seriesUid(), null));
        assertEquals(v.pair().high().seriesUid(), byUid.pair().high().seriesUid());
    }

    @Test
    void middleKvpAndSeparateFoldersAreHandled() {
        fixture.write(tmp.resolve("a"), 80, "Qr40", 8, 1, 0.5);
        fixture.write(tmp.resolve("b"), 100, "Qr40", 8, 1, 0.5);
        fixture.write(tmp.resolve("c"), 150, "Qr40", 8, 1, 0.5);
        DualEnergyVolumes v = load(tmp.resolve("a"), tmp.resolve("b"), tmp.resolve("c"));
        assertEquals(80.0, v.pair().low().kvp());
        assertEquals(150.0, v.pair().high().kvp());
        assertTrue(v.pair().notes().stream().anyMatch(n -> n.contains("between the lowest and highest KVP")));
    }

    // Guards that a mutation probe could remove with every test still passing (issue 15); each test
    // below fails without its guard.

    @Test
    void framesOfReferenceMustAgree() {
        fixture.writePair(tmp.resolve("s"));
        DicomEdit.each(tmp.resolve("s/high"), a -> a.setString(Tag.FrameOfReferenceUID, VR.UI, "2.25.1234"));
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains("do not share one geometry") && message.contains("different frames of reference"), message);
    }

    @Test
    void aSidewaysOffsetBetweenTheEnergiesIsRefused() {
        fixture.write(tmp.resolve("s/low"), 80, "Qr40", 8, 1, 0.5);
        double[][] shifted = new double[8][];
        for (int k = 0; k < 8; k++) {
            shifted[k] = new double[] {-9, -10, -20 + k}; // one pixel of 0.5 mm is 1 mm: two pixels sideways
        }
        fixture.write(tmp.resolve("s/high"), 150, "Qr40", shifted, 0.5, SeriesFixture.SIZE);
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains("Slice 1 lies at different positions") && message.contains("0.000 mm apart along the normal, 1.000 mm sideways"),
                message);
    }

    @Test
    void gantryTiltIsRefused() {
        double[][] tilted = new double[8][];
        for (int k = 0; k < 8; k++) {
            tilted[k] = new double[] {-10, -10 + 0.3 * k, -20 + k}; // each slice 0.3 mm further along y
        }
        fixture.write(tmp.resolve("s/low"), 80, "Qr40", tilted, 0.5, SeriesFixture.SIZE);
        fixture.write(tmp.resolve("s/high"), 150, "Qr40", tilted, 0.5, SeriesFixture.SIZE);
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains("is not stacked straight") && message.contains("gantry tilt"), message);
    }

    /** A blended (mixed) image series at the high kVp would otherwise make a second pair with the low series. */
    @Test
    void mixedImagesAreNoEnergyOfAPair() {
        fixture.writePair(tmp.resolve("s"));
        fixture.write(tmp.resolve("s/mixed"), 150, "Qr40", 8, 1, 0.5);
        DicomEdit.each(tmp.resolve("s/mixed"), a -> a.setString(Tag.ImageType, VR.CS, "DERIVED", "SECONDARY", "AXIAL", "MIXED"));
        DualEnergyVolumes v = load(tmp.resolve("s"));
        assertEquals(tmp.resolve("s/high").toAbsolutePath().normalize(), v.pair().high().folder());
        assertTrue(v.pair().notes().stream().anyMatch(n -> n.contains("mixed/blended image")), v.pair().notes().toString());
    }

    /** Two reconstructions exported as one series: every position twice. */
    @Test
    void twoReconstructionsInOneSeriesAreNamedAsSuch() {
        fixture.writePair(tmp.resolve("s"));
        fixture.write(tmp.resolve("s/low-again"), 80, "Qr69", 8, 1, 0.5);
        String lowSeries = loader.scan(List.of(tmp.resolve("s/low"))).series().get(0).seriesUid();
        DicomEdit.each(tmp.resolve("s/low-again"), a -> a.setString(Tag.SeriesInstanceUID, VR.UI, lowSeries));
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains("has several slices at each position") && message.contains("more than one reconstruction"), message);
    }

    @Test
    void aCtSliceWithoutRescaleIsRefusedByName() {
        fixture.writePair(tmp.resolve("s"));
        Path victim = DicomEdit.files(tmp.resolve("s/low")).get(2);
        DicomEdit.edit(victim, a -> a.remove(Tag.RescaleSlope));
        String message = loadError(tmp.resolve("s"));
        assertTrue(message.contains(victim + " is a CT image without Rescale Slope"), message);
    }

    /** Data on mounted or linked storage: a study folder that is a symbolic link, with a link back up inside it. */
    @Test
    void linkedFoldersAreFollowedWithoutCycles() throws IOException {
        fixture.writePair(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("linked"), tmp.resolve("real"));
        Files.createSymbolicLink(tmp.resolve("real/low/loop"), tmp.resolve("real"));
        StudyScan scan = loader.scan(List.of(link));
        assertEquals(16, scan.files().filesSeen(), "each file once, the loop not followed round");
        DualEnergyVolumes v = loader.load(PairSelector.choose(scan.series(), PairRequest.AUTOMATIC));
        assertVoxelsMatchFixture(v.low(), 80);
    }

    private static Path sliceAt(Path folder, double z) throws IOException {
        DualEnergyLoader l = new DualEnergyLoader(1, ProgressListener.NONE);
        return l.scan(List.of(folder)).series().get(0).slices().stream()
                .filter(s -> Math.abs(s.plane().position()[2] - z) < 1e-6).findFirst().orElseThrow().file();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
