package org.dect.cli;

import java.io.PrintWriter;

import picocli.CommandLine;

/** Entry point of {@code dect}; the only place that calls System.exit. */
public final class Main {

    private Main() { }

    private static volatile boolean systemStreams;

    public static void main(String[] args) {
        systemStreams = true;
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
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
