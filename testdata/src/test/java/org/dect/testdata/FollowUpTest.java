package org.dect.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dect.ProgressListener;
import org.dect.followup.ComparisonOutputs;
import org.dect.followup.FollowUpComparison;
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
 * A baseline and a follow-up of one phantom patient, a year apart: at follow-up the wrist lies turned
 * by 6° and moved (4, −3) mm, one tophus has doubled, one halved, one resolved, and one is new. The
 * comparison must undo the move on bone, pair each deposit with itself, and give each change as the
 * two scans' ground truth has it.
 */
class FollowUpTest {

    @TempDir
    static Path tmp;

    static final double TURN_DEG = 6;
    static final double SHIFT_X = 4;
    static final double SHIFT_Y = -3;

    static int grows;
    static int shrinks;
    static int resolves;
    static int appears;
    static FollowUpComparison.Result result;
    static Map<Integer, double[]> truthBaseline = new HashMap<>(); // id → {x, y, z, voxelised mL}
    static Map<Integer, double[]> truthFollowUp = new HashMap<>();
    static JsonNode baselineReport;
    static JsonNode followUpReport;

    @BeforeAll
    static void scans() throws IOException {
        PhantomSpec spec = PhantomSpec.defaults(Scenario.GOUT).withSize(160, 160, 48).withSeed(7);
        // The four largest tophi take the four changes: small ones sit near what the scan can detect at all.
        List<Lesion> tophi = new ArrayList<>(PhantomGenerator.lesions(spec).stream().filter(l -> l.material() == Lesion.Material.URATE).toList());
        tophi.sort((a, b) -> Double.compare(b.shape().volumeMm3(), a.shape().volumeMm3()));
        grows = tophi.get(0).id();
        shrinks = tophi.get(1).id();
        resolves = tophi.get(2).id();
        appears = tophi.get(3).id();
        PhantomSpec baseline = spec.withChange(new PhantomSpec.Change(0, 0, 0, Map.of(appears, 0.0)));
        PhantomSpec followUp = spec.withChange(new PhantomSpec.Change(TURN_DEG, SHIFT_X, SHIFT_Y,
                Map.of(grows, 2.0, shrinks, 0.5, resolves, 0.0)));
        baselineReport = decompose(baseline, "baseline", truthBaseline);
        followUpReport = decompose(followUp, "follow-up", truthFollowUp);
        result = FollowUpComparison.compare(tmp.resolve("baseline-out"), tmp.resolve("follow-up-out"));
        Files.createDirectories(tmp.resolve("compare"));
        ComparisonOutputs.write(result, tmp.resolve("baseline-out"), tmp.resolve("follow-up-out"), tmp.resolve("compare"));
    }

    private static JsonNode decompose(PhantomSpec spec, String name, Map<Integer, double[]> truth) throws IOException {
        Phantom phantom = PhantomGenerator.generate(spec);
        for (Phantom.LesionTruth t : phantom.truth().lesions()) {
            double[] c = t.lesion().shape().centre();
            double[] placed = spec.change().place(c[0], c[1]);
            truth.put(t.lesion().id(), new double[] {placed[0], placed[1], c[2], t.voxelisedMl()});
        }
        PhantomWriter.write(phantom, tmp.resolve(name), false, 2, ProgressListener.NONE);
        DualEnergyVolumes v = new DualEnergyLoader(2, ProgressListener.NONE).load(List.of(tmp.resolve(name)), PairRequest.AUTOMATIC);
        DecompositionResult r = Decomposition.run(v, DecompositionOptions.defaults().withThreads(2), ProgressListener.NONE);
        Path out = Files.createDirectories(tmp.resolve(name + "-out"));
        RunOutputs.write(v, r, new OutputOptions(EnumSet.of(OutputKind.REPORT, OutputKind.NIFTI), Fusion.DEFAULT, 100, "test"), out, 2,
                ProgressListener.NONE);
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    /** The truth id of the measured deposit at this centroid: the truth centre within 3 mm, or -1. */
    private static int truthId(JsonNode report, int lesionId, Map<Integer, double[]> truth) {
        for (JsonNode l : report.path("lesions")) {
            if (l.path("id").asInt() == lesionId) {
                double[] c = {l.path("centroid_mm").get(0).asDouble(), l.path("centroid_mm").get(1).asDouble(),
                    l.path("centroid_mm").get(2).asDouble()};
                for (Map.Entry<Integer, double[]> e : truth.entrySet()) {
                    double[] t = e.getValue();
                    if (Math.hypot(Math.hypot(c[0] - t[0], c[1] - t[1]), c[2] - t[2]) < 3) {
                        return e.getKey();
                    }
                }
            }
        }
        return -1;
    }

    @Test
    void theMoveIsUndoneOnBone() {
        var t = result.registration().transform();
        assertEquals(-TURN_DEG, Math.toDegrees(t.rz()), 1.0, "the turn about the limb's axis");
        assertEquals(0, Math.toDegrees(t.rx()), 1.0);
        assertEquals(0, Math.toDegrees(t.ry()), 1.0);
        // Every deposit's true follow-up centre lands on its true baseline centre.
        for (int id : truthFollowUp.keySet()) {
            if (truthBaseline.containsKey(id)) {
                double[] f = truthFollowUp.get(id);
                double[] b = truthBaseline.get(id);
                double[] moved = t.apply(new double[] {f[0], f[1], f[2]});
                double error = Math.hypot(Math.hypot(moved[0] - b[0], moved[1] - b[1]), moved[2] - b[2]);
                assertTrue(error < 1.0, "deposit " + id + " lands " + error + " mm from where it was");
            }
        }
        assertTrue(result.registration().rmsMm() < 1.5, "bone surfaces apart by " + result.registration().rmsMm());
    }

    @Test
    void eachDepositIsPairedWithItselfAndItsChangeIsTheTruths() {
        Map<Integer, FollowUpComparison.Deposit> byTruth = new HashMap<>();
        for (FollowUpComparison.Deposit d : result.deposits()) {
            int b = d.baselineId() == null ? -1 : truthId(baselineReport, d.baselineId(), truthBaseline);
            int f = d.followUpId() == null ? -1 : truthId(followUpReport, d.followUpId(), truthFollowUp);
            if (d.status().equals("matched")) {
                assertEquals(b, f, "a matched pair is one deposit: " + FollowUpComparison.row(d));
            }
            byTruth.put(b >= 0 ? b : f, d);
        }
        assertEquals("matched", byTruth.get(grows).status());
        assertEquals("matched", byTruth.get(shrinks).status());
        assertEquals("resolved", byTruth.get(resolves).status());
        assertEquals("new", byTruth.get(appears).status());
        for (int id : new int[] {grows, shrinks, resolves, appears}) {
            double truth = truthFollowUp.getOrDefault(id, new double[4])[3] - truthBaseline.getOrDefault(id, new double[4])[3];
            double measured = byTruth.get(id).changeMl();
            double scale = Math.max(truthFollowUp.getOrDefault(id, new double[4])[3], truthBaseline.getOrDefault(id, new double[4])[3]);
            assertEquals(truth, measured, 0.2 * scale + 0.005, "deposit " + id + ": change " + measured + " mL, truth " + truth);
        }
        assertTrue(byTruth.get(grows).changeMl() > 0 && byTruth.get(shrinks).changeMl() < 0);
    }

    @Test
    void theTotalIsJudgedAgainstTheSmallestDetectableChange() throws IOException {
        assertEquals(followUpReport.path("urate_volume_ml").asDouble() - baselineReport.path("urate_volume_ml").asDouble(), result.changeMl(), 1e-12);
        // A wrist's tophi change by tenths of a millilitre: within the 0.91 mL a DECT volume can be trusted to show.
        assertTrue(Math.abs(result.changeMl()) < FollowUpComparison.SDC_ML);
        assertTrue(result.verdict().contains("no change is shown"), result.verdict());
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("compare").resolve("compare.json").toFile());
        assertEquals(result.changeMl(), json.path("urate_volume_change_ml").asDouble(), 1e-12);
        assertEquals(false, json.path("exceeds_smallest_detectable_change").asBoolean());
        List<String> csv = Files.readAllLines(tmp.resolve("compare").resolve("compare.csv"));
        assertEquals(result.deposits().size() + 1, csv.size());
        assertTrue(csv.get(0).startsWith("status,baseline_id,follow_up_id,baseline_ml,follow_up_ml,change_ml"), csv.get(0));
        assertTrue(Files.size(tmp.resolve("compare").resolve("compare.png")) > 2000);
        Files.copy(tmp.resolve("compare").resolve("compare.png"), Path.of("target", "compare.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
