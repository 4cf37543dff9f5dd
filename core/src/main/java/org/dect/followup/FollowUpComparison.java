package org.dect.followup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dect.InputException;

/**
 * Two decompose outputs of one patient, baseline and follow-up: the follow-up aligned to the baseline on
 * bone ({@link BoneRegistration}), its urate deposits matched to the baseline's by position, and the
 * change per deposit and in total. The total change is judged against both the smallest detectable
 * change of DECT urate volume ({@value #SDC_ML} mL between scans, Dalbeth 2013; physics.md) and the two
 * scans' own 95 % intervals: it is "a change" only when it exceeds both.
 */
public final class FollowUpComparison {

    /** Smallest detectable change of DECT urate volume, mL (Dalbeth 2013, Arthritis Res Ther 15:R160). */
    public static final double SDC_ML = 0.91;

    /** Deposits match when their centres, after alignment, are within their radii plus this, mm. */
    static final double MATCH_SLACK_MM = 3.0;

    /** One deposit of either scan, or both. */
    public record Deposit(String status, Integer baselineId, Integer followUpId, double baselineMl, double followUpMl,
                          double[] baselineCi, double[] followUpCi, double[] centreMm, double distanceMm) {
        public double changeMl() {
            return followUpMl - baselineMl;
        }

        /** Half-width of the change's 95 % interval: the two intervals' half-widths added in quadrature. */
        public double changeHalfWidthMl() {
            return Math.hypot(halfWidth(baselineCi), halfWidth(followUpCi));
        }
    }

    public record Result(BoneRegistration.Result registration, List<Deposit> deposits, double baselineMl, double followUpMl,
                         double[] baselineCi, double[] followUpCi, LabelVolume baselineLabels) {

        public double changeMl() {
            return followUpMl - baselineMl;
        }

        public double changeHalfWidthMl() {
            return Math.hypot(halfWidth(baselineCi), halfWidth(followUpCi));
        }

        public boolean exceedsSdc() {
            return Math.abs(changeMl()) > SDC_ML;
        }

        public boolean exceedsUncertainty() {
            return Math.abs(changeMl()) > changeHalfWidthMl();
        }

        /** The verdict in words. */
        public String verdict() {
            String direction = changeMl() > 0 ? "grew" : "shrank";
            if (exceedsSdc() && exceedsUncertainty()) {
                return String.format(Locale.ROOT, "urate volume %s by %.2f mL: more than the smallest detectable change (%.2f mL) "
                        + "and the scans' uncertainty (±%.2f mL)", direction, Math.abs(changeMl()), SDC_ML, changeHalfWidthMl());
            }
            return String.format(Locale.ROOT, "urate volume changed by %+.2f mL: within %s (smallest detectable change %.2f mL, "
                    + "the scans' uncertainty ±%.2f mL), so no change is shown", changeMl(),
                    exceedsSdc() ? "the scans' uncertainty" : exceedsUncertainty() ? "the smallest detectable change" : "both", SDC_ML,
                    changeHalfWidthMl());
        }
    }

    private FollowUpComparison() { }

    public static Result compare(Path baseline, Path followUp) {
        JsonNode b = report(baseline);
        JsonNode f = report(followUp);
        LabelVolume bl = LabelVolume.read(labels(baseline));
        LabelVolume fl = LabelVolume.read(labels(followUp));
        BoneRegistration.Result reg = BoneRegistration.align(bl, fl);
        List<JsonNode> bd = urate(b);
        List<JsonNode> fd = urate(f);
        // Every pair close enough, nearest first; each deposit in at most one pair.
        record Pair(int b, int f, double distance) { }
        List<Pair> pairs = new ArrayList<>();
        List<double[]> fMoved = fd.stream().map(d -> reg.transform().apply(centroid(d))).toList();
        for (int i = 0; i < bd.size(); i++) {
            for (int j = 0; j < fd.size(); j++) {
                double dist = distance(centroid(bd.get(i)), fMoved.get(j));
                if (dist <= radius(bd.get(i)) + radius(fd.get(j)) + MATCH_SLACK_MM) {
                    pairs.add(new Pair(i, j, dist));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::distance));
        boolean[] bUsed = new boolean[bd.size()];
        boolean[] fUsed = new boolean[fd.size()];
        List<Deposit> deposits = new ArrayList<>();
        for (Pair p : pairs) {
            if (!bUsed[p.b()] && !fUsed[p.f()]) {
                bUsed[p.b()] = true;
                fUsed[p.f()] = true;
                JsonNode x = bd.get(p.b());
                JsonNode y = fd.get(p.f());
                deposits.add(new Deposit("matched", x.path("id").asInt(), y.path("id").asInt(), volume(x), volume(y), ci(x), ci(y),
                        centroid(x), p.distance()));
            }
        }
        for (int i = 0; i < bd.size(); i++) {
            if (!bUsed[i]) {
                JsonNode x = bd.get(i);
                deposits.add(new Deposit("resolved", x.path("id").asInt(), null, volume(x), 0, ci(x), new double[] {0, 0}, centroid(x),
                        Double.NaN));
            }
        }
        for (int j = 0; j < fd.size(); j++) {
            if (!fUsed[j]) {
                JsonNode y = fd.get(j);
                deposits.add(new Deposit("new", null, y.path("id").asInt(), 0, volume(y), new double[] {0, 0}, ci(y), fMoved.get(j),
                        Double.NaN));
            }
        }
        return new Result(reg, deposits, b.path("urate_volume_ml").asDouble(), f.path("urate_volume_ml").asDouble(),
                ci(b.path("urate_volume_ml_ci95"), b.path("urate_volume_ml").asDouble()),
                ci(f.path("urate_volume_ml_ci95"), f.path("urate_volume_ml").asDouble()), bl);
    }

    /** compare.json's tree. */
    public static Map<String, Object> json(Result r, Path baseline, Path followUp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseline", baseline.toString());
        m.put("follow_up", followUp.toString());
        m.put("urate_volume_ml_baseline", r.baselineMl());
        m.put("urate_volume_ml_baseline_ci95", r.baselineCi());
        m.put("urate_volume_ml_follow_up", r.followUpMl());
        m.put("urate_volume_ml_follow_up_ci95", r.followUpCi());
        m.put("urate_volume_change_ml", r.changeMl());
        m.put("urate_volume_change_ml_ci95_half_width", r.changeHalfWidthMl());
        m.put("smallest_detectable_change_ml", SDC_ML);
        m.put("exceeds_smallest_detectable_change", r.exceedsSdc());
        m.put("exceeds_uncertainty", r.exceedsUncertainty());
        m.put("verdict", r.verdict());
        m.put("deposits_matched", r.deposits().stream().filter(d -> d.status().equals("matched")).count());
        m.put("deposits_new", r.deposits().stream().filter(d -> d.status().equals("new")).count());
        m.put("deposits_resolved", r.deposits().stream().filter(d -> d.status().equals("resolved")).count());
        RigidTransform t = r.registration().transform();
        m.put("registration", Map.of("rotation_deg", List.of(Math.toDegrees(t.rx()), Math.toDegrees(t.ry()), Math.toDegrees(t.rz())),
                "translation_mm", List.of(t.tx(), t.ty(), t.tz()), "centre_mm", t.centre(), "bone_rms_mm", r.registration().rmsMm(),
                "bone_points", r.registration().points(),
                "note", "follow-up patient point p maps to baseline R (p - centre) + centre + translation, R = Rz Ry Rx"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Deposit d : r.deposits()) {
            rows.add(row(d));
        }
        m.put("deposits", rows);
        return m;
    }

    /** A deposit as a row of compare.csv and an item of compare.json. */
    public static Map<String, Object> row(Deposit d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", d.status());
        m.put("baseline_id", d.baselineId());
        m.put("follow_up_id", d.followUpId());
        m.put("baseline_ml", d.baselineMl());
        m.put("follow_up_ml", d.followUpMl());
        m.put("change_ml", d.changeMl());
        m.put("change_ml_ci95_half_width", d.changeHalfWidthMl());
        m.put("centre_x_mm", d.centreMm()[0]);
        m.put("centre_y_mm", d.centreMm()[1]);
        m.put("centre_z_mm", d.centreMm()[2]);
        m.put("distance_mm", Double.isNaN(d.distanceMm()) ? null : d.distanceMm());
        return m;
    }

    private static JsonNode report(Path dir) {
        Path file = dir.resolve("report.json");
        if (!Files.isRegularFile(file)) {
            throw new InputException(dir + " holds no report.json: give the folder a decompose run wrote (-o).");
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path labels(Path dir) {
        Path file = dir.resolve("nifti").resolve("labels.nii.gz");
        if (!Files.isRegularFile(file)) {
            throw new InputException(dir + " holds no nifti/labels.nii.gz, which the alignment on bone needs: decompose again "
                    + "with --outputs fused,seg,overlay,report,nifti (or all).");
        }
        return file;
    }

    private static List<JsonNode> urate(JsonNode report) {
        List<JsonNode> out = new ArrayList<>();
        report.path("lesions").forEach(l -> {
            if ("urate".equals(l.path("material").asText())) {
                out.add(l);
            }
        });
        return out;
    }

    private static double[] centroid(JsonNode lesion) {
        JsonNode c = lesion.path("centroid_mm");
        return new double[] {c.get(0).asDouble(), c.get(1).asDouble(), c.get(2).asDouble()};
    }

    private static double volume(JsonNode lesion) {
        return lesion.path("volume_ml").asDouble();
    }

    /** The radius of a sphere of the deposit's volume, mm. */
    private static double radius(JsonNode lesion) {
        return Math.cbrt(3 * volume(lesion) * 1000 / (4 * Math.PI));
    }

    private static double[] ci(JsonNode lesion) {
        return ci(lesion.path("volume_ml_ci95"), volume(lesion));
    }

    /** An interval; a missing one is the value itself (no width). */
    private static double[] ci(JsonNode pair, double value) {
        return pair.isArray() && pair.size() == 2 ? new double[] {pair.get(0).asDouble(), pair.get(1).asDouble()} : new double[] {value, value};
    }

    static double halfWidth(double[] ci) {
        return (ci[1] - ci[0]) / 2;
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }
}
