package org.dect.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dect.Json;
import org.dect.OutputException;
import org.dect.render.SliceThumbnails.Thumbnail;

/**
 * report.html: one self-contained page (no file or network beside it) that a rheumatologist opens in
 * any browser and can mail: the findings in words, a slice scroller over the study with urate, calcium
 * and indeterminate deposits each on or off, the montage and the scatter plot, the lesion table
 * (sortable), and how the scan was read (pair, preset, what was adjusted, warnings). It is built from
 * report.json's own map, so that the page and the file never disagree.
 *
 * <p>Opened with {@code #selftest} after its address, the page moves its scroller to the busiest slice
 * and writes what it saw into the element {@code #selftest} (slices, whether the picture changed,
 * script errors): what the headless-browser test reads.
 */
public final class HtmlReport {

    private HtmlReport() { }

    /**
     * @param report   report.json's map
     * @param montage  montage.png's bytes
     * @param scatter  scatter.png's bytes
     * @param slices   every slice, small
     * @param busiest  the slice (0-based) to open on: the one with the most urate, else any deposit
     */
    public static void write(Map<String, Object> report, byte[] montage, byte[] scatter, List<Thumbnail> slices, int busiest,
                             Path file) {
        try {
            Files.writeString(file, page(report, montage, scatter, slices, busiest), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutputException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String page(Map<String, Object> report, byte[] montage, byte[] scatter, List<Thumbnail> slices, int busiest) {
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>dect report: ")
                .append(escape(studyName(report))).append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>Dual-energy CT: urate and calcium</h1>\n<p class=\"sub\">").append(escape(studyName(report))).append("</p>\n");
        h.append("<section id=\"summary\"><h2>Findings</h2><ul>\n");
        for (String s : findings(report)) {
            h.append("<li>").append(escape(s)).append("</li>\n");
        }
        h.append("</ul></section>\n");
        h.append("<section id=\"viewer\"><h2>Slices</h2>\n<div class=\"controls\">")
                .append("<input type=\"range\" id=\"slice\" min=\"1\" max=\"").append(slices.size()).append("\" value=\"")
                .append(busiest + 1).append("\"> <span id=\"where\"></span>\n")
                .append(toggle("urate", "urate", "#00e600")).append(toggle("calcium", "calcium", "#aa3cff"))
                .append(toggle("indeterminate", "indeterminate", "#ffb000"))
                .append("</div>\n<canvas id=\"view\"></canvas>\n<p class=\"hint\">Scroll with the slider, the arrow keys or the mouse wheel.</p></section>\n");
        h.append("<section id=\"pictures\"><h2>Montage and scatter plot</h2>\n<img alt=\"montage\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(montage)).append("\">\n<img alt=\"scatter plot\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(scatter)).append("\"></section>\n");
        h.append("<section id=\"lesions\"><h2>Deposits</h2>\n").append(lesionTable(report)).append("</section>\n");
        h.append("<section id=\"how\"><h2>How the scan was read</h2><ul>\n");
        for (String s : howRead(report)) {
            h.append("<li>").append(escape(s)).append("</li>\n");
        }
        h.append("</ul></section>\n<pre id=\"selftest\" hidden></pre>\n");
        h.append("<script type=\"application/json\" id=\"slices\">").append(slicesJson(slices)).append("</script>\n");
        h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static String toggle(String id, String label, String colour) {
        return "<label><input type=\"checkbox\" id=\"" + id + "\" checked> <span style=\"color:" + colour + "\">&#9632;</span> "
                + label + "</label> ";
    }

    /** The findings in words, each a sentence a reader takes in at a glance. */
    static List<String> findings(Map<String, Object> r) {
        List<String> out = new ArrayList<>();
        long urateLesions = number(r.get("urate_lesions")).longValue();
        if (urateLesions > 0) {
            out.add(String.format(Locale.ROOT, "Urate deposits: %s in %d deposit%s (voxels labelled: %.3f mL).",
                    volume(r.get("urate_volume_ml"), r.get("urate_volume_ml_ci95")), urateLesions, urateLesions == 1 ? "" : "s",
                    number(r.get("urate_voxel_volume_ml")).doubleValue()));
        } else {
            Map<?, ?> limit = (Map<?, ?>) r.get("urate_detection_limit");
            Object ml = limit == null ? null : limit.get("volume_ml");
            out.add(ml == null ? "No urate deposits found."
                    : String.format(Locale.ROOT, "No urate deposits found; a deposit smaller than %.3f mL at %s %% w/w could have been missed.",
                    number(ml).doubleValue(), limit.get("at_urate_percent")));
        }
        long calcium = number(r.get("calcium_lesions")).longValue();
        out.add(calcium == 0 ? "No calcium deposits found (bone is not counted)."
                : String.format(Locale.ROOT, "Calcium deposits: %s in %d deposit%s (bone is not counted).",
                volume(r.get("calcium_volume_ml"), r.get("calcium_volume_ml_ci95")), calcium, calcium == 1 ? "" : "s"));
        long between = number(r.get("indeterminate_lesions")).longValue();
        if (between > 0) {
            out.add(String.format(Locale.ROOT, "Between urate and calcium: %d deposit%s, %.3f mL, that the noise of this scan "
                    + "cannot assign to either; shown in amber.", between, between == 1 ? "" : "s",
                    number(r.get("indeterminate_volume_ml")).doubleValue()));
        }
        for (Object w : (List<?>) r.getOrDefault("warnings", List.of())) {
            out.add("Warning: " + w);
        }
        return out;
    }

    private static String volume(Object ml, Object ci) {
        String v = String.format(Locale.ROOT, "%.3f mL", number(ml).doubleValue());
        if (ci instanceof List<?> l && l.size() == 2 && l.get(0) != null && l.get(1) != null) {
            v += String.format(Locale.ROOT, " (95 %% interval %.3f to %.3f mL)", number(l.get(0)).doubleValue(), number(l.get(1)).doubleValue());
        }
        return v;
    }

    /** The pair, preset and method, and what the scan made dect adjust. */
    static List<String> howRead(Map<String, Object> r) {
        List<String> out = new ArrayList<>();
        Map<?, ?> inputs = (Map<?, ?>) r.get("inputs");
        if (inputs != null) {
            Map<?, ?> low = (Map<?, ?>) inputs.get("low");
            Map<?, ?> high = (Map<?, ?>) inputs.get("high");
            out.add(String.format(Locale.ROOT, "Pair: low %s kV, high %s kV%s; %s slices of %s × %s.", kv(low), kv(high),
                    high != null && high.get("filter") != null ? " (" + high.get("filter") + " filter)" : "", inputs.get("slices"),
                    inputs.get("columns"), inputs.get("rows")));
        }
        Map<?, ?> preset = (Map<?, ?>) r.get("preset");
        out.add("Method: " + r.get("method") + ", preset " + (preset == null ? "?" : preset.get("name")) + ".");
        Map<?, ?> calibration = (Map<?, ?>) r.get("scan_calibration");
        if (calibration != null) {
            for (Object a : (List<?>) calibration.get("adjustments")) {
                out.add("Adjusted to this scan: " + a + ".");
            }
        }
        Map<?, ?> software = (Map<?, ?>) r.get("software");
        if (software != null) {
            out.add("dect " + software.get("version") + ".");
        }
        return out;
    }

    private static String kv(Map<?, ?> series) {
        Object kvp = series == null ? null : series.get("kvp");
        return kvp == null ? "?" : String.format(Locale.ROOT, "%.0f", number(kvp).doubleValue());
    }

    private static final String[][] COLUMNS = {
        {"id", "id"}, {"material", "material"}, {"volume_ml", "volume, mL"}, {"ci", "95 % interval, mL"},
        {"voxel_volume_ml", "voxels, mL"}, {"mean_hu_low", "HU low"}, {"mean_hu_high", "HU high"}, {"mean_ratio", "ratio"},
        {"mean_urate_percent", "urate % w/w"}, {"mean_ha_mg_cm3", "HA mg/cm³"}, {"centroid", "centre x, y, z mm"}};

    private static String lesionTable(Map<String, Object> r) {
        List<?> lesions = (List<?>) r.getOrDefault("lesions", List.of());
        if (lesions.isEmpty()) {
            return "<p>No deposits.</p>\n";
        }
        StringBuilder t = new StringBuilder("<table id=\"table\"><thead><tr>");
        for (String[] c : COLUMNS) {
            t.append("<th data-key=\"").append(c[0]).append("\">").append(escape(c[1])).append("</th>");
        }
        t.append("</tr></thead><tbody>\n");
        for (Object o : lesions) {
            Map<?, ?> l = (Map<?, ?>) o;
            t.append("<tr class=\"").append(escape(String.valueOf(l.get("material")))).append("\">");
            for (String[] c : COLUMNS) {
                Object v = l.get(c[0]);
                String text;
                double sortKey;
                if (c[0].equals("ci")) {
                    List<?> ci = (List<?>) l.get("volume_ml_ci95");
                    boolean known = ci != null && ci.size() == 2 && ci.get(0) != null;
                    text = known ? String.format(Locale.ROOT, "%.4f–%.4f", number(ci.get(0)).doubleValue(), number(ci.get(1)).doubleValue()) : "–";
                    sortKey = known ? number(ci.get(0)).doubleValue() : Double.NaN;
                } else if (c[0].equals("centroid")) {
                    List<?> p = (List<?>) l.get("centroid_mm");
                    text = String.format(Locale.ROOT, "%.1f, %.1f, %.1f", number(p.get(0)).doubleValue(), number(p.get(1)).doubleValue(),
                            number(p.get(2)).doubleValue());
                    sortKey = number(p.get(2)).doubleValue();
                } else if (v instanceof Number n) {
                    boolean volume = c[0].endsWith("_ml");
                    text = n instanceof Integer || n instanceof Long ? n.toString()
                            : String.format(Locale.ROOT, volume ? "%.4f" : "%.1f", n.doubleValue());
                    sortKey = n.doubleValue();
                } else {
                    text = String.valueOf(v);
                    sortKey = Double.NaN;
                }
                t.append("<td").append(Double.isNaN(sortKey) ? "" : " data-sort=\"" + sortKey + "\"").append(">")
                        .append(escape(text)).append("</td>");
            }
            t.append("</tr>\n");
        }
        return t.append("</tbody></table>\n<p class=\"hint\">Click a column's title to sort by it.</p>\n").toString();
    }

    private static String slicesJson(List<Thumbnail> slices) {
        List<Map<String, Object>> out = new ArrayList<>(slices.size());
        Base64.Encoder b64 = Base64.getEncoder();
        for (Thumbnail t : slices) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("g", "data:image/jpeg;base64," + b64.encodeToString(t.greyJpeg()));
            m.put("l", t.labelsPng() == null ? null : "data:image/png;base64," + b64.encodeToString(t.labelsPng()));
            out.add(m);
        }
        return Json.write(out).replace("</", "<\\/");
    }

    private static String studyName(Map<String, Object> r) {
        Map<?, ?> inputs = (Map<?, ?>) r.get("inputs");
        Map<?, ?> low = inputs == null ? null : (Map<?, ?>) inputs.get("low");
        Object d = low == null ? null : low.get("description");
        return d == null || String.valueOf(d).isBlank() ? "study" : String.valueOf(d);
    }

    private static Number number(Object o) {
        return o instanceof Number n ? n : Double.NaN;
    }

    /** Text for HTML: the five characters that would be markup, escaped. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = String.join("\n",
            "body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:1.5em auto;padding:0 1em;color:#222}",
            "h1{font-size:1.5em;margin-bottom:0}.sub{color:#666;margin-top:.2em}h2{font-size:1.15em;border-bottom:1px solid #ddd}",
            "#summary li{margin:.3em 0}canvas{background:#000;max-width:100%;image-rendering:auto;display:block;margin-top:.5em}",
            ".controls label{margin-left:1em}#pictures img{max-width:100%;display:block;margin:.5em 0}",
            "table{border-collapse:collapse;font-size:13px}th,td{padding:3px 7px;border-bottom:1px solid #eee;text-align:right}",
            "th{cursor:pointer;background:#f4f4f4;position:sticky;top:0}tr.urate td:nth-child(2){color:#0a0}",
            "tr.calcium td:nth-child(2){color:#83c}tr.indeterminate td:nth-child(2){color:#c80}.hint{color:#888;font-size:12px}");

    /** The scroller, the toggles, the sortable table and the self-test; plain DOM and canvas, nothing loaded. */
    private static final String SCRIPT = String.join("\n",
            "(function(){",
            "const errors=[];window.addEventListener('error',e=>errors.push(String(e.message)));",
            "const slices=JSON.parse(document.getElementById('slices').textContent);",
            "const canvas=document.getElementById('view'),ctx=canvas.getContext('2d');",
            "const range=document.getElementById('slice'),where=document.getElementById('where');",
            "const show={urate:[0,230,0],calcium:[170,60,255],indeterminate:[255,176,0]};",
            "const cache=new Map();",
            "function image(src){if(!cache.has(src)){const i=new Image();i.src=src;cache.set(src,i.decode().then(()=>i));}return cache.get(src);}",
            "let drawn=0;",
            "async function draw(){const k=+range.value-1,s=slices[k];const n=++drawn;const g=await image(s.g);",
            " const l=s.l?await image(s.l):null;if(n!==drawn)return;",
            " canvas.width=g.width;canvas.height=g.height;canvas.style.width=Math.min(3*g.width,720)+'px';ctx.drawImage(g,0,0);",
            " if(l){const o=document.createElement('canvas');o.width=l.width;o.height=l.height;const c=o.getContext('2d');c.drawImage(l,0,0);",
            "  const d=c.getImageData(0,0,o.width,o.height),p=d.data;",
            "  for(const [name,rgb] of Object.entries(show)){if(document.getElementById(name).checked)continue;",
            "   for(let i=0;i<p.length;i+=4){if(p[i]===rgb[0]&&p[i+1]===rgb[1]&&p[i+2]===rgb[2])p[i+3]=0;}}",
            "  for(let i=3;i<p.length;i+=4){if(p[i])p[i]=150;}",
            "  c.putImageData(d,0,0);ctx.drawImage(o,0,0);}",
            " where.textContent='slice '+(k+1)+' of '+slices.length;}",
            "range.addEventListener('input',draw);for(const n of Object.keys(show))document.getElementById(n).addEventListener('change',draw);",
            "document.addEventListener('keydown',e=>{if(e.key==='ArrowUp'||e.key==='ArrowRight')range.stepUp();",
            " else if(e.key==='ArrowDown'||e.key==='ArrowLeft')range.stepDown();else return;draw();});",
            "canvas.addEventListener('wheel',e=>{e.preventDefault();e.deltaY>0?range.stepUp():range.stepDown();draw();},{passive:false});",
            "const table=document.getElementById('table');",
            "if(table){let asc=true;table.querySelectorAll('th').forEach((th,c)=>th.addEventListener('click',()=>{",
            " const rows=[...table.tBodies[0].rows];const key=r=>{const t=r.cells[c];return t.dataset.sort!==undefined?+t.dataset.sort:t.textContent;};",
            " rows.sort((a,b)=>{const x=key(a),y=key(b);return (x<y?-1:x>y?1:0)*(asc?1:-1);});asc=!asc;",
            " rows.forEach(r=>table.tBodies[0].appendChild(r));}));}",
            "function sum(){const d=ctx.getImageData(0,0,canvas.width,canvas.height).data;let s=0;for(let i=0;i<d.length;i+=4)s+=d[i]+2*d[i+1]+3*d[i+2];return s;}",
            "draw().then(async()=>{if(location.hash!=='#selftest')return;",
            " const start=+range.value,before=sum();range.value=start>1?1:slices.length;await draw();const after=sum();",
            " range.value=start;await draw();const back=sum();",
            " const u=document.getElementById('urate');u.checked=false;await draw();const withoutUrate=sum();u.checked=true;await draw();",
            " const out=document.getElementById('selftest');out.hidden=false;",
            " out.textContent=JSON.stringify({slices:slices.length,start:start,before:before,after:after,back:back,",
            "  changed:before!==after,toggled:withoutUrate!==back,errors:errors});",
            "}).catch(e=>{errors.push(String(e));const out=document.getElementById('selftest');out.hidden=false;",
            " out.textContent=JSON.stringify({errors:errors});});",
            "})();");
}
