package org.dect.followup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dect.Json;
import org.dect.OutputException;
import org.dect.decompose.Labels;
import org.dect.format.Csv;
import org.dect.render.ComparePicture;

/** What dect compare writes into its folder: compare.json, compare.csv (a row per deposit) and compare.png. */
public final class ComparisonOutputs {

    private ComparisonOutputs() { }

    public static void write(FollowUpComparison.Result r, Path baseline, Path followUp, Path dir) {
        try {
            Json.write(FollowUpComparison.json(r, baseline, followUp), dir.resolve("compare.json"));
            StringBuilder csv = new StringBuilder();
            List<Map<String, Object>> rows = r.deposits().stream().map(FollowUpComparison::row).toList();
            List<String> columns = new ArrayList<>(FollowUpComparison.row(r.deposits().isEmpty() ? emptyDeposit() : r.deposits().get(0)).keySet());
            csv.append(Csv.line(columns)).append('\n');
            for (Map<String, Object> row : rows) {
                csv.append(Csv.line(columns.stream().map(row::get).toList())).append('\n');
            }
            Files.writeString(dir.resolve("compare.csv"), csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutputException("Cannot write the comparison into " + dir + ": " + e.getMessage(), e);
        }
        picture(r, dir.resolve("compare.png"));
    }

    private static FollowUpComparison.Deposit emptyDeposit() {
        return new FollowUpComparison.Deposit("", null, null, 0, 0, new double[2], new double[2], new double[3], Double.NaN);
    }

    /** The baseline's bone projected along the slices, in its own voxel grid (x along columns, y along rows). */
    private static void picture(FollowUpComparison.Result r, Path file) {
        LabelVolume v = r.baselineLabels();
        boolean[][] bone = new boolean[v.ny()][v.nx()];
        for (int k = 0; k < v.nz(); k++) {
            for (int j = 0; j < v.ny(); j++) {
                for (int i = 0; i < v.nx(); i++) {
                    bone[j][i] |= v.at(i, j, k) == Labels.BONE;
                }
            }
        }
        double[] o = v.toPatient(0, 0, 0);
        double[] step = {v.affine()[0][0], v.affine()[1][1]};
        List<ComparePicture.Mark> marks = new ArrayList<>();
        for (FollowUpComparison.Deposit d : r.deposits()) {
            String label = switch (d.status()) {
                case "matched" -> ComparePicture.change(d.changeMl());
                case "new" -> "new " + ComparePicture.change(d.changeMl());
                default -> "resolved";
            };
            marks.add(new ComparePicture.Mark(d.status(), d.centreMm()[0], d.centreMm()[1], d.baselineMl(), d.followUpMl(), label));
        }
        String title = String.format(Locale.ROOT, "urate %.2f → %.2f mL (%s)%s", r.baselineMl(), r.followUpMl(),
                ComparePicture.change(r.changeMl()), r.exceedsSdc() && r.exceedsUncertainty() ? ", a change" : ", within noise");
        ComparePicture.write(bone, new double[] {o[0], o[1]}, step, marks, title, file);
    }
}
