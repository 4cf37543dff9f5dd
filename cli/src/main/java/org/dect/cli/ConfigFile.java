package org.dect.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's settings from a YAML or JSON file: each key an option's long name without the dashes,
 * each value what the command line would take (a list for an option given more than once). They are
 * the command's defaults, so that the command line wins over the file.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {

    private final Map<String, String> values;

    private ConfigFile(Map<String, String> values) {
        this.values = values;
    }

    /**
     * If {@code args} give {@code --config FILE} to the subcommand {@code name}, makes that file the
     * subcommand's defaults. A file that cannot be read, or a key that is no option, is a usage error.
     */
    static void apply(CommandLine root, String name, String[] args) {
        Path file = find(args, name);
        if (file == null) {
            return;
        }
        CommandLine command = root.getSubcommands().get(name);
        Map<String, Object> raw;
        try {
            raw = new YAMLMapper().readValue(Files.readString(file), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException | RuntimeException e) {
            throw new CommandLine.ParameterException(command, "cannot read the configuration " + file + ": "
                    + e.getMessage().lines().findFirst().orElse("") + ". Give a YAML or JSON file of option: value lines.");
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null) {
            for (Map.Entry<String, Object> e : raw.entrySet()) {
                OptionSpec option = command.getCommandSpec().findOption("--" + e.getKey());
                if (option == null || e.getKey().equals("config")) {
                    throw new CommandLine.ParameterException(command, "the configuration " + file + " has '" + e.getKey()
                            + "', which is no option of dect " + name + " (see dect " + name + " --help)");
                }
                Object v = e.getValue();
                if (v == null) {
                    continue; // "key:" with nothing after it: the option's own default
                }
                values.put(option.longestName(), v instanceof List<?> l ? l.stream().map(String::valueOf).collect(Collectors.joining(","))
                        : String.valueOf(v));
            }
        }
        command.setDefaultValueProvider(new ConfigFile(values));
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return arg instanceof OptionSpec o ? values.get(o.longestName()) : null;
    }

    private static Path find(String[] args, String name) {
        boolean inCommand = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                inCommand = true;
            } else if (inCommand && args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            } else if (inCommand && args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }
}
