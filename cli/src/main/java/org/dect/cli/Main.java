package org.dect.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

import org.dect.MemoryException;

import picocli.CommandLine;

/** Entry point of {@code dect}; the only place that calls System.exit. */
public final class Main {

    private Main() { }

    private static volatile boolean systemStreams;
    /** The process's real stderr, for dect's own lines and progress bars (System.err may be muted). */
    private static volatile PrintStream terminal = System.err;

    public static void main(String[] args) {
        systemStreams = true;
        boolean verbose = libraryLogging(args);
        terminal = System.err;
        if (!verbose) {
            // Some libraries print straight to System.err (jai-imageio's decoder prints the stack trace of
            // every broken JPEG 2000 tile before throwing). dect words such failures itself.
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(terminal, true)));
    }

    static PrintStream terminal() {
        return terminal;
    }

    /**
     * The libraries' log lines (dcm4che's, through slf4j-simple) are off (simplelogger.properties) unless
     * -v is given. slf4j reads its level once, when the first library logger is made, so this looks for
     * the option before picocli parses the command line; it says whether -v was given.
     */
    private static boolean libraryLogging(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--verbose") || a.matches("-[a-zA-Z]*v[a-zA-Z]*")) {
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
                return true;
            }
        }
        return false;
    }

    /** Whether output goes to the process's own stdout and stderr (not to a test's writers). */
    static boolean usesSystemStreams() {
        return systemStreams;
    }

    /** Columns of --help: the options' descriptions are sentences, and 80 columns broke most of them twice. */
    static final int HELP_WIDTH = 110;

    private static int usageError(CommandLine.ParameterException ex, PrintWriter err) {
        err.println("dect: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCodes.USAGE;
    }

    /** Runs the command line with the given writers and returns the exit code; tests call this in-process. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new DectCommand());
        cli.setUsageHelpWidth(HELP_WIDTH);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler((ex, a) -> usageError(ex, err));
        try {
            ConfigFile.apply(cli, "serve", args);
            return cli.execute(args);
        } catch (CommandLine.ParameterException e) {
            return usageError(e, err); // a bad configuration file, read before the command line is parsed
        } catch (OutOfMemoryError e) {
            // An Error passes picocli's handler by. Out of memory is not a corrupt file, nor a bug.
            err.println(String.format(Locale.ROOT, "dect: out of memory: this JVM may use %.1f GB, and the study needs more. %s",
                    MemoryException.maxHeapGb(), MemoryException.howToGiveMore(2 * MemoryException.maxHeapGb() + 1)));
            return ExitCodes.MEMORY;
        }
    }
}
