package org.dect.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dect.followup.ComparisonOutputs;
import org.dect.followup.FollowUpComparison;
import org.dect.output.StagedOutputFolder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Compare a follow-up with its baseline: the change in urate volume, per deposit and in total.",
        description = {"Compare two decompose outputs of one patient (each written with --outputs ...,nifti, for the bone).",
            "The follow-up is aligned to the baseline rigidly on bone, its urate deposits are matched to the baseline's",
            "by position, and the change is reported per deposit (matched, new, resolved) and in total. The total is",
            "called a change only when it exceeds both the smallest detectable change of DECT urate volume (0.91 mL,",
            "Dalbeth 2013) and the two scans' own 95 % intervals. Writes compare.json, compare.csv and compare.png."},
        footer = {"%nExamples:",
            "  dect decompose /data/p01-baseline -o p01-b --outputs all",
            "  dect decompose /data/p01-year1 -o p01-y1 --outputs all",
            "  dect compare p01-b p01-y1 -o p01-compare",
            ExitCodes.HELP})
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASELINE", description = "The baseline's decompose output folder.")
    Path baseline;

    @Parameters(index = "1", paramLabel = "FOLLOWUP", description = "The follow-up's decompose output folder.")
    Path followUp;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "Where compare.json, compare.csv and compare.png go.")
    Path output;

    @Option(names = "--overwrite", description = "Replace OUT if it exists.")
    boolean overwrite;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Log log = Log.of(spec);
        try (StagedOutputFolder folder = StagedOutputFolder.create(output, overwrite, List.of(baseline, followUp))) {
            FollowUpComparison.Result r = FollowUpComparison.compare(baseline, followUp);
            var t = r.registration().transform();
            log.info(String.format(Locale.ROOT, "Aligned on bone: turned %.1f°, moved %.1f mm; bone surfaces %.2f mm apart (RMS)",
                    t.rotationDeg(), Math.sqrt(t.tx() * t.tx() + t.ty() * t.ty() + t.tz() * t.tz()), r.registration().rmsMm()));
            ComparisonOutputs.write(r, baseline, followUp, folder.path());
            folder.commit();
            PrintWriter out = spec.commandLine().getOut();
            out.println(r.verdict());
            out.printf(Locale.ROOT, "%-9s %8s %8s %10s %10s %10s%n", "deposit", "baseline", "follow", "before mL", "after mL", "change");
            for (FollowUpComparison.Deposit d : r.deposits()) {
                out.printf(Locale.ROOT, "%-9s %8s %8s %10.3f %10.3f %+10.3f%n", d.status(), d.baselineId() == null ? "-" : d.baselineId(),
                        d.followUpId() == null ? "-" : d.followUpId(), d.baselineMl(), d.followUpMl(), d.changeMl());
            }
            out.println("Wrote " + output.resolve("compare.json") + ", compare.csv, compare.png");
        }
        return ExitCodes.OK;
    }
}
