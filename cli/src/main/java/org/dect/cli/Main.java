package org.dect.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/** Entry point of {@code dect}; the only place that calls System.exit. */
public final class Main {

    private Main() { }

    private static volatile boolean systemStreams;

    public static void main(String[] args) {
        systemStreams = true;
        libraryLogging(args);
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * The libraries' log lines (dcm4che's, through slf4j-simple) are off (simplelogger.properties) unless
     * -v is given. slf4j reads its level once, when the first library logger is made, so this looks for
     * the option before picocli parses the command line.
     */
    private static void libraryLogging(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return;
            }
            if (a.equals("--verbose") || a.matches("-[a-zA-Z]*v[a-zA-Z]*")) {
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
                return;
            }
        }
    }

    /** Whether output goes to the process's own stdout and stderr (not to a test's writers). */
    static boolean usesSystemStreams() {
        return systemStreams;
    }

    /** Runs the command line with the given writers and returns the exit code; tests call this in-process. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new DectCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("dect: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }
}
