package org.dect.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The --threads option, shared by the commands that work in parallel; checked as it is parsed. */
final class Threads {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandSpec spec;

    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all ${sys:dect.cores} cores).")
    void threads(int n) {
        if (n < 1) {
            throw Usage.error(spec, "--threads must be at least 1, got " + n);
        }
        threads = n;
    }

    static {
        System.setProperty("dect.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    int get() {
        return threads;
    }
}
