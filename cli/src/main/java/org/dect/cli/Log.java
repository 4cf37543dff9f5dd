package org.dect.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

import org.dect.ProgressListener;

import picocli.CommandLine;

/** Log lines and progress on stderr, silenced by -q. Progress is shown in quarter steps per stage. */
final class Log implements ProgressListener {

    private final PrintWriter err;
    private final boolean quiet;
    private final Map<String, Integer> shownQuarter = new HashMap<>();

    Log(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    static Log of(CommandLine.Model.CommandSpec spec) {
        CommandLine root = spec.commandLine();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return new Log(spec.commandLine().getErr(), ((DectCommand) root.getCommand()).quiet);
    }

    synchronized void info(String message) {
        if (!quiet) {
            err.println(message);
            err.flush();
        }
    }

    @Override
    public synchronized void progress(String stage, int done, int total) {
        int quarter = total == 0 ? 4 : done * 4 / total;
        Integer shown = shownQuarter.get(stage);
        boolean restarted = done == 1 && shown != null && shown == 4 && total > 1;
        if (shown == null || quarter > shown || restarted) {
            shownQuarter.put(stage, quarter);
            info(String.format("%-6s %3d%%  %d/%d", stage, quarter * 25, done, total));
        }
    }
}
