package org.dect.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.dect.decompose.Simd;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "version", header = "Print the versions of dect and of Java, and whether the SIMD kernels are on.",
        description = "Print the version of dect, of the Java runtime, and whether the SIMD kernels are on.")
final class VersionCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        for (String line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
    }

    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/dect-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dect " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                Simd.describe()};
        }
    }
}
