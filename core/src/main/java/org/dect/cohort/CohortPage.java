package org.dect.cohort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dect.OutputException;
import org.dect.format.HtmlReport;

/**
 * cohort.html: the cohort table (sortable) and a plot, in one self-contained page. The plot is the
 * urate volume of each study with its 95 % interval; where patients have two or more timepoints, each
 * patient's studies are joined by a line in timepoint order, so that change shows as slope. SVG drawn
 * here, no script needed but the table's sorting.
 */
public final class CohortPage {

    static final int WIDTH = 860;
    static final int HEIGHT = 320;
    static final int MARGIN = 56;

    private CohortPage() { }

    public static void write(List<Map<String, Object>> rows, Path dir) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dect cohort</title>\n<style>")
                .append("body{font:14px/1.4 system-ui,sans-serif;margin:1.5em auto;max-width:1100px;padding:0 1em}")
                .append("table{border-collapse:collapse;font-size:12px}th,td{padding:3px 6px;border-bottom:1px solid #eee;text-align:right}")
                .append("th{cursor:pointer;background:#f4f4f4}tr.failed td{color:#b00}</style></head><body>\n");
        long ok = rows.stream().filter(r -> "ok".equals(r.get("status"))).count();
        h.append("<h1>Cohort: ").append(rows.size()).append(" studies, ").append(ok).append(" ok, ").append(rows.size() - ok)
                .append(" failed</h1>\n");
        h.append(plot(rows));
        h.append("<table id=\"table\"><thead><tr>");
        for (String c : CohortTable.COLUMNS) {
            h.append("<th>").append(escape(c)).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (Map<String, Object> r : rows) {
            h.append("<tr class=\"").append(escape(String.valueOf(r.get("status")))).append("\">");
            for (String c : CohortTable.COLUMNS) {
                Object v = r.get(c);
                String text = v == null ? "" : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(v);
                h.append(v instanceof Number n ? "<td data-sort=\"" + n.doubleValue() + "\">" : "<td>").append(escape(text)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n<script>(function(){const t=document.getElementById('table');let asc=true;")
                .append("t.querySelectorAll('th').forEach((th,c)=>th.addEventListener('click',()=>{const rows=[...t.tBodies[0].rows];")
                .append("const k=r=>{const d=r.cells[c];return d.dataset.sort!==undefined?+d.dataset.sort:d.textContent;};")
                .append("rows.sort((a,b)=>{const x=k(a),y=k(b);return (x<y?-1:x>y?1:0)*(asc?1:-1);});asc=!asc;")
                .append("rows.forEach(r=>t.tBodies[0].appendChild(r));}));})();</script>\n</body></html>\n");
        try {
            Files.writeString(dir.resolve("cohort.html"), h.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutputException("Cannot write " + dir.resolve("cohort.html") + ": " + e.getMessage(), e);
        }
    }

    /** Urate volume per study (a dot and its interval), patients' timepoints joined by lines. */
    static String plot(List<Map<String, Object>> rows) {
        List<Map<String, Object>> ok = rows.stream().filter(r -> "ok".equals(r.get("status")) && r.get("urate_volume_ml") instanceof Number)
                .toList();
        if (ok.isEmpty()) {
            return "<p>No study succeeded: nothing to plot.</p>\n";
        }
        double max = 0;
        for (Map<String, Object> r : ok) {
            for (String c : new String[] {"urate_volume_ml", "urate_volume_ml_ci95_high"}) {
                double v = number(r.get(c));
                max = Double.isFinite(v) ? Math.max(max, v) : max; // a study without an interval has none
            }
        }
        max = max <= 0 ? 1 : max * 1.1;
        double step = (WIDTH - 2.0 * MARGIN) / Math.max(1, ok.size());
        StringBuilder svg = new StringBuilder("<svg id=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" font-size=\"11\">\n");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n", MARGIN, HEIGHT - MARGIN,
                WIDTH - MARGIN, HEIGHT - MARGIN));
        svg.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\">urate mL</text><text x=\"8\" y=\"%d\">%.3f</text>"
                + "<text x=\"8\" y=\"%d\">0</text>%n", MARGIN - 20, MARGIN, max, HEIGHT - MARGIN));
        Map<String, List<double[]>> byPatient = new LinkedHashMap<>(); // patient -> {timepoint, x, y}
        for (int i = 0; i < ok.size(); i++) {
            Map<String, Object> r = ok.get(i);
            double x = MARGIN + step * (i + 0.5);
            double v = number(r.get("urate_volume_ml"));
            double lo = number(r.get("urate_volume_ml_ci95_low"));
            double hi = number(r.get("urate_volume_ml_ci95_high"));
            if (Double.isFinite(lo) && Double.isFinite(hi)) {
                svg.append(String.format(Locale.ROOT, "<line class=\"interval\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#0a0\"/>%n",
                        x, y(lo, max), x, y(hi, max)));
            }
            svg.append(String.format(Locale.ROOT, "<circle class=\"study\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#00a000\"><title>%s: %.4f mL</title>"
                    + "</circle>%n", x, y(v, max), escape(String.valueOf(r.get("study"))), v));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" transform=\"rotate(-40 %.1f %d)\">%s</text>%n",
                    x, HEIGHT - MARGIN + 14, x, HEIGHT - MARGIN + 14, escape(String.valueOf(r.get("study")))));
            String patient = String.valueOf(r.getOrDefault("patient", ""));
            if (!patient.isEmpty() && !"null".equals(patient)) {
                byPatient.computeIfAbsent(patient, p -> new ArrayList<>()).add(new double[] {timepoint(r), x, y(v, max)});
            }
        }
        for (Map.Entry<String, List<double[]>> e : byPatient.entrySet()) {
            List<double[]> points = new ArrayList<>(e.getValue());
            if (points.size() < 2) {
                continue;
            }
            points.sort((a, b) -> Double.compare(a[0], b[0]));
            StringBuilder path = new StringBuilder();
            for (double[] p : points) {
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", p[1], p[2]));
            }
            svg.append("<path class=\"patient\" d=\"").append(path).append("\" fill=\"none\" stroke=\"#888\" stroke-dasharray=\"4 3\">")
                    .append("<title>").append(escape(e.getKey())).append("</title></path>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static double y(double v, double max) {
        return HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * Math.max(0, v) / max;
    }

    private static double timepoint(Map<String, Object> r) {
        try {
            return Double.parseDouble(String.valueOf(r.get("timepoint")));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String escape(String s) {
        return HtmlReport.escape(s);
    }
}
