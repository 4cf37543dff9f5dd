package org.dect.cli;

import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one way a command reports a bad option value: as a command-line error, exit 2, like the ones
 * picocli finds itself. Core's parsers (method, preset, outputs, phantom size) throw
 * IllegalArgumentException for a name they do not know; only here, around the reading of options,
 * does that mean the user's mistake. Anywhere else an IllegalArgumentException is a bug (exit 1).
 */
final class Usage {

    private Usage() { }

    static <T> T parse(CommandSpec spec, Supplier<T> parsing) {
        try {
            return parsing.get();
        } catch (IllegalArgumentException e) {
            throw error(spec, e.getMessage());
        }
    }

    static CommandLine.ParameterException error(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** A number given as text to an option such as --window 150,500. */
    static double number(CommandSpec spec, String option, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw error(spec, option + ": '" + text.trim() + "' is not a number");
        }
    }

    /** An integer given as text to an option. */
    static int integer(CommandSpec spec, String option, String text) {
        double v = number(spec, option, text);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw error(spec, option + ": '" + text.trim() + "' is not a whole number");
        }
        return (int) v;
    }
}
