package org.dect.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

import org.dect.ProgressListener;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;

/**
 * Log lines and progress on stderr, silenced by -q. On an interactive terminal progress shows as bars
 * (me.tongfei:progressbar); otherwise (a pipe, a file, CI, tests) as plain lines in quarter steps.
 */
final class Log implements ProgressListener {

    private final PrintWriter err;
    private final boolean quiet;
    private final PrintStream terminal;
    private final Map<String, Integer> shownQuarter = new HashMap<>();
    private final Map<String, ProgressBar> bars = new HashMap<>();

    Log(PrintWriter err, boolean quiet, PrintStream terminal) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    static Log of(CommandLine.Model.CommandSpec spec) {
        CommandLine root = spec.commandLine();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        boolean quiet = ((DectCommand) root.getCommand()).quiet;
        // Bars only when the command writes to the real stderr of an interactive session.
        boolean interactive = System.console() != null && !"dumb".equals(System.getenv("TERM")) && Main.usesSystemStreams();
        return new Log(spec.commandLine().getErr(), quiet, interactive ? Main.terminal() : null);
    }

    /** Whether progress shows as bars (an interactive terminal), not as lines. */
    boolean bars() {
        return terminal != null && !quiet;
    }

    synchronized void info(String message) {
        if (!quiet) {
            closeBars();
            err.println(message);
            err.flush();
        }
    }

    @Override
    public synchronized void progress(String stage, int done, int total) {
        if (quiet) {
            return;
        }
        if (terminal != null) {
            bar(stage, done, total);
            return;
        }
        int quarter = total == 0 ? 4 : done * 4 / total;
        Integer shown = shownQuarter.get(stage);
        boolean restarted = done == 1 && shown != null && shown == 4 && total > 1;
        if (shown == null || quarter > shown || restarted) {
            shownQuarter.put(stage, quarter);
            err.println(String.format("%-6s %3d%%  %d/%d", stage, quarter * 25, done, total));
            err.flush();
        }
    }

    @Override
    public synchronized void progress(String stage, int done, int total, String note) {
        if (quiet) {
            return;
        }
        if (terminal != null) {
            bar(stage, done, total);
            ProgressBar bar = bars.get(stage);
            if (bar != null) {
                bar.setExtraMessage(note);
            }
            return;
        }
        progress(stage, done, total);
    }

    private void bar(String stage, int done, int total) {
        ProgressBar bar = bars.get(stage);
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(String.format("%-8s", stage)).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(terminal)).build();
            bars.put(stage, bar);
        }
        bar.stepTo(done);
        if (done >= total) {
            bar.close();
            bars.remove(stage); // the same stage may run again (two series written one after the other)
        }
    }

    private void closeBars() {
        bars.values().forEach(ProgressBar::close);
        bars.clear();
    }
}
