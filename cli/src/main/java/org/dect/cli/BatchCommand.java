package org.dect.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.dect.cohort.BatchRun;
import org.dect.cohort.CohortPage;
import org.dect.cohort.CohortTable;
import org.dect.cohort.FollowUps;
import org.dect.cohort.Study;
import org.dect.cohort.StudyList;
import org.dect.pipeline.OutputKind;
import org.dect.pipeline.OutputOptions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Decompose every study of a cohort and tabulate them in one cohort.csv.",
        description = {"Decompose every study of a cohort: each direct sub-folder of ROOT (its name the study's id), or each row",
            "of MANIFEST.csv (columns study,path and optionally low,high,preset,patient,timepoint). Each study goes into",
            "OUT/<study>/ as decompose writes it; OUT/cohort.csv and cohort.json hold a row per study, cohort.html the",
            "table and a plot of urate volume per study (patients' timepoints joined). A study that fails",
            "is recorded with its reason and the batch goes on. A rerun passes over every study already done with the",
            "same files and options, so an interrupted batch resumes and a finished one returns at once. A patient with",
            "two or more studies (the manifest's patient column) has each later one compared with the first, as",
            "dect compare does, into OUT/compare/<patient>/ and OUT/followup.csv (not in a --shard run)."},
        footer = {"%nExamples:",
            "  dect batch /data/cohort -o /data/cohort-dect --jobs 2",
            "  dect batch cohort.csv -o out --shard 1/4          one machine's quarter (SLURM: --shard $((ID+1))/4)",
            "  dect batch --merge out-1 out-2 out-3 out-4 -o out  the shards' tables joined",
            "%nExit codes: 0 every study ok, 3 some failed (see the status and error columns), 2 usage error."})
final class BatchCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "ROOT|MANIFEST.csv", description = "The cohort: a folder of study folders, or a manifest.")
    Path cohort;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "Where the studies' outputs and the cohort table go.")
    Path output;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "Studies at a time (default ${DEFAULT-VALUE}); within 80 % of the heap, whatever N.")
    int jobs;

    @Option(names = "--shard", paramLabel = "K/N", description = "Only every N-th study from the K-th (1-based): one of N machines' share.")
    String shard;

    @Option(names = "--merge", arity = "1..*", paramLabel = "DIR", description = "Join the cohort tables of these batch outputs into OUT.")
    List<Path> merge;

    @Option(names = "--overwrite", description = "Redo a study whose folder holds results from other files or options.")
    boolean overwrite;

    @Mixin
    DecomposeOptions decompose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Log log = Log.of(spec);
        if (merge != null) {
            if (cohort != null) {
                throw Usage.error(spec, "--merge joins finished batches: give no ROOT with it");
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            merge.forEach(dir -> rows.addAll(CohortTable.read(dir)));
            rows.sort(Comparator.comparing(r -> String.valueOf(r.get("study"))));
            CohortTable.write(rows, output);
            CohortPage.write(rows, output);
            spec.commandLine().getOut().println("Merged " + rows.size() + " studies into " + output.resolve("cohort.csv"));
            return rows.stream().allMatch(r -> "ok".equals(r.get("status"))) ? ExitCodes.OK : ExitCodes.INPUT;
        }
        if (cohort == null) {
            throw Usage.error(spec, "give the cohort: a folder of study folders, or a manifest .csv");
        }
        if (jobs < 1) {
            throw Usage.error(spec, "--jobs must be at least 1, got " + jobs);
        }
        // OUT may lie inside ROOT (dect batch data -o data/out): it is no study.
        Path outAbs = output.toAbsolutePath().normalize();
        List<Study> studies = StudyList.of(cohort).stream().filter(s -> !s.path().toAbsolutePath().normalize().equals(outAbs)).toList();
        if (shard != null) {
            String[] kn = shard.split("/");
            int k = kn.length == 2 ? Usage.integer(spec, "--shard", kn[0]) : -1;
            int n = kn.length == 2 ? Usage.integer(spec, "--shard", kn[1]) : -1;
            if (n < 1 || k < 1 || k > n) {
                throw Usage.error(spec, "--shard must be K/N with 1 <= K <= N, e.g. 2/4; got " + shard);
            }
            studies = StudyList.shard(studies, k, n);
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new org.dect.OutputException(output + " is a file: give a folder for the batch's outputs.");
        }
        log.info("Batch: " + studies.size() + " studies into " + output + (shard == null ? "" : " (shard " + shard + ")"));
        OutputOptions outputs = decompose.outputOptions(spec);
        boolean followUps = shard == null && FollowUps.any(studies);
        if (followUps && !outputs.kinds().contains(OutputKind.NIFTI)) {
            // The alignment of a follow-up to its baseline reads the bone from the label volume.
            Set<OutputKind> kinds = EnumSet.copyOf(outputs.kinds());
            kinds.add(OutputKind.NIFTI);
            outputs = outputs.withKinds(kinds);
            log.info("Patients with follow-ups: writing nifti/ too, for the alignment on bone");
        }
        // On a terminal a bar shows the studies done with an ETA, and only failures get a line of their own.
        BatchRun run = new BatchRun(decompose.options(spec, 1), outputs, jobs, overwrite, line -> {
            if (!log.bars() || !line.endsWith(": ok")) {
                log.info(line);
            }
        }, log);
        List<Map<String, Object>> rows = run.run(studies, output);
        long failed = rows.stream().filter(r -> !"ok".equals(r.get("status"))).count();
        long skipped = rows.stream().filter(r -> Boolean.TRUE.equals(r.remove("skipped"))).count();
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%d studies: %d ok (%d done before), %d failed; %s%n", rows.size(),
                rows.size() - failed, skipped, failed, output.resolve("cohort.csv"));
        CohortTable.write(rows, output);
        CohortPage.write(rows, output);
        if (followUps) {
            List<Map<String, Object>> compared = FollowUps.compare(rows, output, log::info);
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%d follow-ups compared with their baselines: %s%n", compared.size(),
                    output.resolve("followup.csv"));
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.INPUT;
    }
}
