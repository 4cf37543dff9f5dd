package org.dect.dicom.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dcm4che3.data.UID;
import org.dect.ProgressListener;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;
import org.dect.testdata.SeriesFixture;
import org.dect.volume.HuVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enhanced (multi-frame) CT made by another toolkit: PixelMed's converter turned each energy of a
 * fixture pair into one Legacy Converted Enhanced CT object (see the README beside the files), whose
 * per-frame positions and shared pixel measures the reader must find in the functional groups.
 */
class EnhancedCtTest {

    @TempDir
    Path tmp;

    @Test
    void legacyConvertedEnhancedCtLoadsLikeItsClassicSource() throws IOException {
        for (String energy : List.of("low", "high")) {
            Path folder = Files.createDirectories(tmp.resolve(energy));
            try (InputStream in = EnhancedCtTest.class.getResourceAsStream("legacy-converted-enhanced-ct/" + energy + ".dcm")) {
                Files.copy(in, folder.resolve(energy + ".dcm"));
            }
        }
        DualEnergyVolumes v = new DualEnergyLoader(2, ProgressListener.NONE).load(List.of(tmp), PairRequest.AUTOMATIC);

        assertEquals(UID.LegacyConvertedEnhancedCTImageStorage, v.pair().low().first().identity().sopClassUid());
        assertEquals(80.0, v.pair().low().kvp());
        assertEquals(150.0, v.pair().high().kvp());
        assertEquals(8, v.pair().low().sliceCount(), "one slice per frame");
        assertEquals(0.5, v.low().geometry().rowSpacing(), 1e-9);
        assertEquals(1.0, v.low().geometry().sliceSpacing(), 1e-9);
        assertFixture(v.low(), 80);
        assertFixture(v.high(), 150);
    }

    private static void assertFixture(HuVolume volume, double kvp) {
        for (int z = 0; z < 8; z++) {
            double zMm = volume.geometry().slicePositions()[z][2];
            assertEquals(-20 + z, zMm, 1e-6, "frames ordered by position");
            for (int y = 0; y < SeriesFixture.SIZE; y++) {
                for (int x = 0; x < SeriesFixture.SIZE; x++) {
                    assertEquals(SeriesFixture.expectedHu(x, y, zMm, kvp), volume.get(x, y, z), "voxel " + x + "," + y + "," + z);
                }
            }
        }
    }
}
