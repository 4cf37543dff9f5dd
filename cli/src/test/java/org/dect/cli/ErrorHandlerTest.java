package org.dect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.dect.InputException;
import org.dect.MemoryException;
import org.dect.OutputException;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The exit code of each kind of failure; only picocli's parse errors and Usage's are exit 2 (BadInputTest). */
class ErrorHandlerTest {

    private static int handle(Exception e, StringWriter err) {
        CommandLine cli = new CommandLine(new DectCommand());
        cli.setErr(new PrintWriter(err, true));
        return new ErrorHandler().handleExecutionException(e, cli, null);
    }

    @Test
    void anIllegalArgumentFromCoreIsABugNotAUsageError() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.INTERNAL, handle(new IllegalArgumentException("preset p: a basis material must add HU"), err));
        assertTrue(err.toString().contains("internal error") && err.toString().contains("please report it"), err.toString());
    }

    @Test
    void userProblemsKeepTheirCodes() {
        assertEquals(ExitCodes.INPUT, handle(new InputException("x"), new StringWriter()));
        assertEquals(ExitCodes.OUTPUT, handle(new OutputException("x"), new StringWriter()));
        assertEquals(ExitCodes.MEMORY, handle(new MemoryException("x"), new StringWriter()));
    }
}
