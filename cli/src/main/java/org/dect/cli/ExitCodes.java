package org.dect.cli;

/** The exit codes of dect, documented in --help and the README. */
final class ExitCodes {

    private ExitCodes() { }

    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int USAGE = 2;
    static final int INPUT = 3;
    static final int OUTPUT = 4;
    static final int MEMORY = 5;

    static final String HELP = "%nExit codes:%n"
            + "  0  success%n"
            + "  1  internal error (a bug: please report it with the output of -v)%n"
            + "  2  usage error (unknown option, bad value)%n"
            + "  3  input problem (missing folder, no dual-energy pair, unreadable or inconsistent files)%n"
            + "  4  output problem (output exists without --overwrite, cannot write)%n"
            + "  5  not enough memory (the message says how much the study needs and how to give it)%n";
}
