package org.dect.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.dect.ProgressListener;
import org.dect.lesion.Lesion;
import org.dect.pipeline.Decomposition;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same study gives the same result whatever the number of threads: slabs of slices, background
 * tasks and parallel reading must not change a voxel's label or a lesion's numbers. 7 threads on two
 * cores, and on a study whose slice count 7 does not divide.
 */
class ThreadsTest {

    @TempDir
    Path tmp;

    @Test
    void oneTwoAndSevenThreadsGiveTheSameResult() {
        PhantomWriter.write(PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT).withSize(160, 160, 30)), tmp.resolve("study"),
                false, 2, ProgressListener.NONE);
        DecompositionResult one = run(1);
        for (int threads : new int[] {2, 7}) {
            DecompositionResult r = run(threads);
            for (int z = 0; z < one.labels().length; z++) {
                assertArrayEquals(one.labels()[z], r.labels()[z], threads + " threads, slice " + z);
            }
            assertEquals(one.quantification().urateVolumeMl(), r.quantification().urateVolumeMl(), 0, threads + " threads");
            assertEquals(one.quantification().calciumVolumeMl(), r.quantification().calciumVolumeMl(), 0);
            List<Lesion> a = one.quantification().lesions();
            List<Lesion> b = r.quantification().lesions();
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).voxels(), b.get(i).voxels(), "lesion " + i);
                assertArrayEquals(a.get(i).centroidMm(), b.get(i).centroidMm(), 0, "lesion " + i);
                assertEquals(a.get(i).meanLow(), b.get(i).meanLow(), 0, "lesion " + i);
            }
        }
    }

    private DecompositionResult run(int threads) {
        DualEnergyVolumes v = new DualEnergyLoader(threads, ProgressListener.NONE).load(List.of(tmp.resolve("study")), PairRequest.AUTOMATIC);
        return Decomposition.run(v, DecompositionOptions.defaults().withThreads(threads), ProgressListener.NONE);
    }
}
