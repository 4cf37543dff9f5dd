package org.dect.cli;

import java.io.PrintWriter;

import org.dect.DectException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps failures to exit codes in one place: user problems as a message, bugs with their stack trace
 * under -v. Bad option values never get here: picocli and {@link Usage} report them (exit 2).
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (ex instanceof DectException d) {
            err.println("dect: " + d.getMessage());
            return switch (d.kind()) {
                case INPUT -> ExitCodes.INPUT;
                case OUTPUT -> ExitCodes.OUTPUT;
                case MEMORY -> ExitCodes.MEMORY;
            };
        }
        err.println("dect: internal error: " + ex);
        if (DectCommand.verbose(cli)) {
            ex.printStackTrace(err);
        } else {
            err.println("Run again with -v for details, and please report it.");
        }
        return ExitCodes.INTERNAL;
    }
}
