package org.dect.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.dect.InputException;
import org.dect.Json;
import org.dect.study.DualEnergyLoader;
import org.dect.study.EnergyPair;
import org.dect.study.PairSelector;
import org.dect.study.SeriesInfo;
import org.dect.study.SliceStack;
import org.dect.study.StudyScan;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        header = "List the series found under the inputs and the low/high pair dect would use.",
        description = {"List the series found under the inputs (recursively, any file names) and the",
            "low/high-kVp pair that decompose would use. Exits 3 when no pair can be chosen."},
        footer = {"%nExamples:",
            "  dect inspect /data/study",
            "  dect inspect /data/study --json | jq .pair",
            "  dect inspect /data/study --low 1.2.840.113619.2.1 --high /data/study/SE3",
            ExitCodes.HELP})
final class InspectCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    PairOptions pair;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Mixin
    Threads threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        Log log = Log.of(spec);
        StudyScan scan = new DualEnergyLoader(threads.get(), log).scan(Usage.parse(spec, pair::roots));
        log.info(String.format("Scanned %d file(s): %d DICOM image slice(s) in %d series, %d not DICOM (skipped), %d DICOM without image (skipped).",
                scan.files().filesSeen(), scan.files().slices().size(), scan.series().size(),
                scan.files().nonDicomFiles(), scan.files().nonImageObjects()));
        EnergyPair chosen = null;
        String problem = null;
        try {
            chosen = PairSelector.choose(scan.series(), pair.request());
        } catch (InputException e) {
            problem = e.getMessage();
        }
        if (json) {
            spec.commandLine().getOut().println(Json.write(toJson(scan, chosen, problem)));
        } else {
            printTable(scan, chosen, problem);
        }
        return chosen == null ? ExitCodes.INPUT : ExitCodes.OK;
    }

    private void printTable(StudyScan scan, EnergyPair pair, String problem) {
        var out = spec.commandLine().getOut();
        out.printf("%-4s %-7s %-4s %-9s %-10s %-8s %6s  %-9s %-20s %s%n",
                "ser", "modality", "kVp", "filter", "kernel", "role", "slices", "size", "spacing mm", "description");
        for (SeriesInfo s : scan.series()) {
            out.printf("%-4s %-7s %-4s %-9s %-10s %-8s %6d  %-9s %-20s %s%n",
                    Objects.toString(s.first().acquisition().seriesNumber(), "-"), s.modality(),
                    s.kvp() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.kvp()),
                    Objects.toString(s.filter(), "-"), Objects.toString(s.kernel(), "-"), role(s, pair),
                    s.sliceCount(), s.plane().columns() + "x" + s.plane().rows(), spacing(s),
                    Objects.toString(s.description(), ""));
        }
        if (pair != null) {
            out.println();
            out.println("Pair: low  = " + pair.low().describe());
            out.println("      high = " + pair.high().describe());
            pair.notes().forEach(n -> out.println("Note: " + n));
        } else {
            out.println();
            out.println("No pair: " + problem);
        }
    }

    private static String role(SeriesInfo s, EnergyPair pair) {
        if (pair != null && s == pair.low()) {
            return "low";
        }
        if (pair != null && s == pair.high()) {
            return "high";
        }
        return s.ineligibility() == null ? "-" : "ignored";
    }

    /** "row/col/slice" spacing, with the slice step measured from the sorted positions when they stack. */
    private static String spacing(SeriesInfo s) {
        String inPlane = String.format(Locale.ROOT, "%.3f/%.3f", s.plane().rowSpacing(), s.plane().columnSpacing());
        Double step = sliceStep(s);
        return inPlane + "/" + (step == null ? "?" : String.format(Locale.ROOT, "%.3f", step));
    }

    private static Double sliceStep(SeriesInfo s) {
        if (s.sliceCount() < 2 || s.plane().position() == null) {
            return null;
        }
        try {
            return SliceStack.of(s).geometry().sliceSpacing();
        } catch (InputException e) {
            return null;
        }
    }

    private static Map<String, Object> toJson(StudyScan scan, EnergyPair pair, String problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("files", Map.of("seen", scan.files().filesSeen(), "not_dicom", scan.files().nonDicomFiles(),
                "dicom_without_image", scan.files().nonImageObjects()));
        List<Map<String, Object>> series = new ArrayList<>();
        for (SeriesInfo s : scan.series()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("series_uid", s.seriesUid());
            m.put("series_number", s.first().acquisition().seriesNumber());
            m.put("modality", s.modality());
            m.put("kvp", s.kvp());
            m.put("filter", s.filter());
            m.put("kernel", s.kernel());
            m.put("image_type", s.imageType());
            m.put("slices", s.sliceCount());
            m.put("rows", s.plane().rows());
            m.put("columns", s.plane().columns());
            m.put("pixel_spacing", List.of(s.plane().rowSpacing(), s.plane().columnSpacing()));
            m.put("slice_spacing", sliceStep(s));
            m.put("slice_thickness", Double.isNaN(s.plane().thickness()) ? null : s.plane().thickness());
            m.put("description", s.description());
            m.put("study_uid", s.studyUid());
            m.put("frame_of_reference_uid", s.frameOfReferenceUid());
            m.put("transfer_syntaxes", List.copyOf(s.transferSyntaxes()));
            m.put("folder", String.valueOf(s.folder()));
            m.put("role", role(s, pair));
            m.put("ignored_because", s.ineligibility());
            series.add(m);
        }
        json.put("series", series);
        if (pair != null) {
            json.put("pair", Map.of("low", pairSide(pair.low()), "high", pairSide(pair.high())));
            json.put("notes", pair.notes());
        } else {
            json.put("pair", null);
            json.put("problem", problem);
        }
        return json;
    }

    private static Map<String, Object> pairSide(SeriesInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("series_uid", s.seriesUid());
        m.put("kvp", s.kvp());
        m.put("slices", s.sliceCount());
        m.put("tin_filter_recorded", s.tinFilterRecorded());
        return m;
    }
}
