package org.dect.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the outside tools that check our reading and writing (dciodvfy, dcmtk, pydicom). A missing
 * tool skips the test on a developer's machine, with the reason, but fails it in CI (CI=true), where
 * .ci/run installs every tool.
 */
public final class ExternalTools {

    private ExternalTools() { }

    /** Debian's python3, which owns python3-pydicom and python3-numpy (not the python3 first on PATH). */
    public static final String PYTHON = "/usr/bin/python3";

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or in CI fails) unless the program is on PATH or is an existing absolute path. */
    public static void require(String program, String debianPackage) {
        if (!available(program)) {
            String why = program + " is not installed (apt-get install " + debianPackage + ")";
            if (inCi()) {
                fail(why + "; CI must install it in .ci/run");
            }
            Assumptions.abort(why);
        }
    }

    /** Skips (or in CI fails) unless a file an installed package provides is there. */
    public static Path requireFile(Path file, String debianPackage) {
        if (!Files.exists(file)) {
            String why = file + " is missing (apt-get install " + debianPackage + ")";
            if (inCi()) {
                fail(why + "; CI must install it in .ci/run");
            }
            Assumptions.abort(why);
        }
        return file;
    }

    public static void requirePydicom() {
        requirePython("pydicom, numpy", "python3-pydicom python3-numpy");
    }

    public static void requireNibabel() {
        requirePython("nibabel, pydicom, numpy", "python3-nibabel python3-pydicom python3-numpy");
    }

    /** Skips (fails in CI) unless the system Python imports the modules, named as in an import statement. */
    private static void requirePython(String modules, String debianPackages) {
        require(PYTHON, "python3");
        Result r = run(List.of(PYTHON, "-c", "import " + modules), null);
        if (r.exitCode != 0) {
            String why = modules + " missing for " + PYTHON + " (apt-get install " + debianPackages + ")";
            if (inCi()) {
                fail(why);
            }
            Assumptions.abort(why);
        }
    }

    public static boolean available(String program) {
        if (program.startsWith("/")) {
            return Files.isExecutable(Path.of(program));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    public record Result(int exitCode, String output) { }

    /** Runs a command, stdout and stderr merged, with a 5-minute limit. */
    public static Result run(List<String> command, Path workingDir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
            if (workingDir != null) {
                pb.directory(workingDir.toFile());
            }
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs and fails the test when the command exits non-zero. */
    public static String check(List<String> command) {
        Result r = run(command, null);
        if (r.exitCode != 0) {
            fail(command + " exited " + r.exitCode + ":\n" + r.output);
        }
        return r.output;
    }
}
