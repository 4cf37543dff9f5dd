package org.dect.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dect.study.PairRequest;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The inputs of a command that reads a dual-energy pair: study folders and the --low/--high overrides. */
final class PairOptions {

    @Parameters(arity = "0..*", paramLabel = "INPUT", description = "Study folder(s) or files, searched recursively.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--low", paramLabel = "UID|DIR", description = "The low-kVp series: its Series Instance UID or a folder holding it.")
    String low;

    @Option(names = "--high", paramLabel = "UID|DIR", description = "The high-kVp series: its Series Instance UID or a folder holding it.")
    String high;

    /** The inputs to scan: the positional ones, else the --low/--high folders. */
    List<Path> roots() {
        List<Path> roots = new ArrayList<>(inputs);
        if (roots.isEmpty()) {
            for (String s : new String[] {low, high}) {
                if (s != null && !s.matches("[0-9.]+")) {
                    roots.add(Path.of(s));
                }
            }
        }
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("give a study folder, or --low DIR and --high DIR");
        }
        return roots;
    }

    PairRequest request() {
        return new PairRequest(low, high);
    }
}
