package org.dect.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.io.DicomInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dect.ProgressListener;
import org.dect.pipeline.Decomposition;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;
import org.dect.pipeline.OutputKind;
import org.dect.pipeline.OutputOptions;
import org.dect.pipeline.RunOutputs;
import org.dect.render.Fusion;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;

/**
 * The node's promise that a run repeated after a crash resends the same objects: with a UID seed, two
 * runs write every object (fused, SEG with its dimension organisation, SR with its tracking UIDs,
 * overlay) under the same UIDs; another seed, or none, gives UIDs of their own, none shared.
 */
class SeededUidsTest {

    @TempDir
    static Path tmp;

    static DualEnergyVolumes volumes;
    static DecompositionResult result;

    @BeforeAll
    static void study() {
        PhantomWriter.write(PhantomGenerator.generate(PhantomSpec.defaults(Scenario.GOUT).withSize(96, 96, 12)), tmp.resolve("study"),
                false, 2, ProgressListener.NONE);
        volumes = new DualEnergyLoader(2, ProgressListener.NONE).load(List.of(tmp.resolve("study")), PairRequest.AUTOMATIC);
        result = Decomposition.run(volumes, DecompositionOptions.defaults().withThreads(2), ProgressListener.NONE);
    }

    @Test
    void theSameSeedGivesTheSameUidsAndAnotherNone() throws IOException {
        Map<String, List<String>> a = write("a", "seed-1");
        Map<String, List<String>> b = write("b", "seed-1");
        Map<String, List<String>> c = write("c", "seed-2");
        Map<String, List<String>> d = write("d", null);
        assertTrue(a.keySet().containsAll(Set.of("fused/IM0001.dcm", "seg/segmentation.dcm", "sr/measurements.dcm", "overlay/IM0012.dcm")),
                a.keySet().toString());
        assertEquals(a, b);
        Set<String> seen = new HashSet<>();
        for (Map<String, List<String>> run : List.of(a, c, d)) {
            Set<String> own = new HashSet<>();
            run.values().forEach(own::addAll);
            for (String uid : own) {
                assertTrue(seen.add(uid), "UID " + uid + " written by two runs of different seeds");
            }
        }
        assertNotEquals(a.get("fused/IM0001.dcm").get(1), a.get("fused/IM0002.dcm").get(1), "the slices of a series differ");
        assertEquals(a.get("fused/IM0001.dcm").get(0), a.get("fused/IM0002.dcm").get(0), "and share the series");
    }

    /** Per file: its Series and SOP Instance UIDs, then the SEG's dimension organisation and the SR's tracking UIDs. */
    private static Map<String, List<String>> write(String name, String seed) throws IOException {
        Path out = Files.createDirectories(tmp.resolve(name));
        RunOutputs.write(volumes, result, new OutputOptions(EnumSet.of(OutputKind.FUSED, OutputKind.SEG, OutputKind.OVERLAY), Fusion.DEFAULT,
                500, "test", seed), out, 2, ProgressListener.NONE);
        Map<String, List<String>> uids = new TreeMap<>();
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".dcm")).toList()) {
                Attributes a;
                try (DicomInputStream in = new DicomInputStream(f.toFile())) {
                    a = in.readDataset();
                }
                List<String> l = new java.util.ArrayList<>(List.of(a.getString(Tag.SeriesInstanceUID), a.getString(Tag.SOPInstanceUID)));
                if (a.contains(Tag.DimensionOrganizationSequence)) {
                    l.add(a.getNestedDataset(Tag.DimensionOrganizationSequence).getString(Tag.DimensionOrganizationUID));
                }
                collectTrackingUids(a, l);
                uids.put(out.relativize(f).toString(), l);
            }
        }
        return uids;
    }

    private static void collectTrackingUids(Attributes a, List<String> into) {
        var content = a.getSequence(Tag.ContentSequence);
        if (content == null) {
            return;
        }
        for (Attributes item : content) {
            if ("UIDREF".equals(item.getString(Tag.ValueType)) && "112040".equals(
                    item.getNestedDataset(Tag.ConceptNameCodeSequence).getString(Tag.CodeValue))) {
                into.add(item.getString(Tag.UID));
            }
            collectTrackingUids(item, into);
        }
    }
}
