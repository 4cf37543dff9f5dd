package org.dect.cli;

import picocli.CommandLine.Option;

/** The --threads option, shared by the commands that work in parallel. */
final class Threads {

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: all ${sys:dect.cores} cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    static {
        System.setProperty("dect.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    int get() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        return threads;
    }
}
