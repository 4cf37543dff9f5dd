package org.dect.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.dect.OutputException;
import org.dect.testdata.AccuracyCondition;
import org.dect.testdata.AccuracyTable;
import org.dect.testdata.Anatomy;
import org.dect.testdata.KvpPair;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "accuracy", mixinStandardHelpOptions = true,
        header = "Measure every method against the phantoms' truth under every condition.",
        description = {"Measure dect against the phantoms' ground truth under every condition of the README's accuracy table",
            "(body size, noise, tissue offsets, blur, all at once; every kVp pair; wrist, foot and knee; gout and",
            "calcinosis), beside the clinical ratio rule and the previous default, and print the table as Markdown.",
            "The whole table takes about half an hour on two cores."},
        footer = {"%nExamples:",
            "  dect accuracy                          the README's table (3 seeds)",
            "  dect accuracy --conditions ALL_AT_ONCE --seeds 1",
            ExitCodes.HELP})
final class AccuracyCommand implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "N", description = "Phantoms per condition, pair and anatomy (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--conditions", split = ",", paramLabel = "LIST",
            description = "Conditions to run (default: all): ${COMPLETION-CANDIDATES}.")
    List<AccuracyCondition> conditions = Arrays.asList(AccuracyCondition.values());

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Also write the table to FILE (Markdown).")
    Path output;

    @Option(names = "--overwrite", description = "Replace FILE if it exists.")
    boolean overwrite;

    @Mixin
    Threads threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (seeds < 1) {
            throw Usage.error(spec, "--seeds must be at least 1, got " + seeds);
        }
        if (output != null && Files.exists(output) && !overwrite) {
            throw new OutputException(output + " exists. Choose another file, or add --overwrite to replace it.");
        }
        Log log = Log.of(spec);
        List<AccuracyTable.Method> methods = AccuracyTable.Method.all(threads.get());
        long start = System.nanoTime();
        List<AccuracyTable.Run> runs = AccuracyTable.run(conditions, List.of(KvpPair.values()), List.of(Anatomy.values()), seeds, methods,
                log::info);
        String table = AccuracyTable.markdown(runs, methods);
        PrintWriter out = spec.commandLine().getOut();
        out.print(table);
        out.printf(Locale.ROOT, "%n%d phantoms in %.0f s%n", runs.size() / methods.size(), (System.nanoTime() - start) / 1e9);
        if (output != null) {
            try {
                Files.writeString(output, table, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new OutputException("Cannot write " + output + ": " + e.getMessage(), e);
            }
        }
        return ExitCodes.OK;
    }
}
