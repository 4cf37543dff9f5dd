package org.dect.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A `dect serve` in a process of its own, as a service manager runs it, so that a test can kill it with -9. */
final class NodeProcess implements AutoCloseable {

    final int port;
    final Path log;
    private final Process process;

    /** Starts the node on a free loopback port (or {@code port}, if not 0) and waits until it listens. */
    NodeProcess(Path dir, int port, String... args) throws IOException, InterruptedException {
        this.port = port == 0 ? freePort() : port;
        Files.createDirectories(dir);
        this.log = dir.resolve("node-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--bind", "127.0.0.1", "--port", String.valueOf(this.port)));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await(l -> l.contains("listening on"), Duration.ofSeconds(30));
    }

    /** Waits for a log line; fails with the log when the node exits or the time is up. */
    String await(Predicate<String> line, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            for (String l : lines()) {
                if (line.test(l)) {
                    return l;
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the node " + (process.isAlive() ? "did not log the line in " + within : "exited (" + process.exitValue() + ")")
                        + "; its log:\n" + String.join("\n", lines()));
            }
            Thread.sleep(50);
        }
    }

    /** How many log lines match. */
    long count(Predicate<String> line) throws IOException {
        return lines().stream().filter(line).count();
    }

    List<String> lines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    long pid() {
        return process.pid();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then its exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the node did not stop within 90 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
