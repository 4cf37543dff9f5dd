package org.dect.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = {
            "Dual-energy CT material decomposition for gout: separates monosodium urate from calcium",
            "in paired low/high-kVp CT of hands, wrists, feet and knees."},
        subcommands = {InspectCommand.class, DecomposeCommand.class, BatchCommand.class, CompareCommand.class, ServeCommand.class, CalibrateCommand.class, PhantomCommand.class, DemoCommand.class,
            AccuracyCommand.class, VersionCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"%nExamples:",
            "  dect demo                        simulate a gout study, decompose it, write every output",
            "  dect decompose /data/study -o /data/study-dect",
            "  dect inspect /data/study         list the series and the pair dect would use",
            "  dect phantom /tmp/ph --scenario calcinosis --pair 80/140",
            ExitCodes.HELP})
final class DectCommand implements Runnable {

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of internal errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "No progress or log lines on stderr; results only.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }

    static boolean verbose(CommandLine cli) {
        CommandLine root = cli;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return ((DectCommand) root.getCommand()).verbose;
    }
}
