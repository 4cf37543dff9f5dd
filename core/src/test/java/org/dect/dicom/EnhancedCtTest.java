package org.dect.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.pixelmed.dicom.MultiFrameImageFactory;

import org.dect.ProgressListener;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;
import org.dect.testing.SeriesFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enhanced (multi-frame) CT: PixelMed's converter turns each classic fixture series into one Legacy
 * Converted Enhanced CT object, whose per-frame positions and shared pixel measures the reader must
 * find in the functional groups. The volumes must equal those of the classic files.
 */
class EnhancedCtTest {

    @TempDir
    Path tmp;

    @Test
    void multiFrameSeriesLoadLikeTheirClassicSource() throws Exception {
        Path classic = new SeriesFixture().writePair(tmp.resolve("classic"));
        for (String energy : List.of("low", "high")) {
            Set<File> files;
            try (Stream<Path> list = Files.list(classic.resolve(energy))) {
                files = list.map(Path::toFile).collect(Collectors.toSet());
            }
            Path out = Files.createDirectories(tmp.resolve("enhanced").resolve(energy));
            MultiFrameImageFactory.convertImages(files, out.toFile());
        }
        try (Stream<Path> list = Files.walk(tmp.resolve("enhanced"))) {
            assertEquals(2, list.filter(Files::isRegularFile).count(), "one multi-frame file per energy");
        }
        DualEnergyLoader loader = new DualEnergyLoader(2, ProgressListener.NONE);
        DualEnergyVolumes enhanced = loader.load(List.of(tmp.resolve("enhanced")), PairRequest.AUTOMATIC);
        DualEnergyVolumes reference = loader.load(List.of(classic), PairRequest.AUTOMATIC);

        assertEquals("1.2.840.10008.5.1.4.1.1.2.2", enhanced.pair().low().first().identity().sopClassUid());
        assertEquals(80.0, enhanced.pair().low().kvp());
        assertEquals(8, enhanced.low().geometry().slices());
        for (int z = 0; z < 8; z++) {
            assertEquals(reference.low().geometry().slicePositions()[z][2], enhanced.low().geometry().slicePositions()[z][2], 1e-6);
            for (int i = 0; i < SeriesFixture.SIZE * SeriesFixture.SIZE; i += 7) {
                assertEquals(reference.low().slices()[z][i], enhanced.low().slices()[z][i]);
                assertEquals(reference.high().slices()[z][i], enhanced.high().slices()[z][i]);
            }
        }
    }
}
