package org.dect.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.dect.dicom.net.DicomSender;

/**
 * Sends what waits in one destination's outbox, oldest entry first, one association per entry. Each
 * file is deleted once the destination has acknowledged it, and the entry once it is empty, so a
 * restart resends only what was not acknowledged. While the destination is down, it tries again after
 * 1, 2, 4 … up to 60 seconds, for as long as it takes; an entry it refuses outright, again and again, is
 * set aside (see {@link #setAside}).
 */
final class Forwarder implements Runnable {

    static final long MAX_BACKOFF_MS = 60_000;
    static final int REFUSALS_BEFORE_SET_ASIDE = 3;

    private final Destination destination;
    private final Path box;
    private final DicomSender sender;
    private final Consumer<String> log;
    private final NodeStatus status;
    private final Object wake = new Object();
    private volatile boolean stopping;

    Forwarder(Destination destination, Path outbox, String callingAet, NodeStatus status, Consumer<String> log) throws IOException {
        this.destination = destination;
        this.box = outbox.resolve(destination.folderName());
        Files.createDirectories(box);
        this.sender = new DicomSender(callingAet);
        this.status = status;
        this.log = log;
    }

    Path box() {
        return box;
    }

    /** Puts a finished run's results into the outbox under {@code name}, whole (a staged folder renamed), unless there already. */
    void enqueue(String name, Path results, List<Path> files) throws IOException {
        Path entry = box.resolve(name);
        if (Files.exists(entry)) {
            return; // a run cut short after this step: what is left of the entry is what was not yet sent
        }
        Path staging = box.resolve("." + name + ".staging");
        Spool.deleteTree(staging);
        Files.createDirectories(staging);
        Spool.link(results, files, staging);
        Spool.forceDirectory(staging);
        Spool.move(staging, entry);
        Spool.forceDirectory(box);
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    void stop() {
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Entries waiting, for the status. */
    int pending() {
        try {
            return Spool.children(box).size();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void run() {
        long backoff = 1000;
        String lastError = null;
        int refusals = 0;
        while (!stopping) {
            List<Path> entries;
            try {
                entries = entries();
            } catch (IOException e) {
                entries = List.of();
            }
            if (entries.isEmpty()) {
                pause(1000);
                continue;
            }
            Path entry = entries.get(0);
            try {
                List<Path> files = files(entry);
                sender.send(files, destination.aet(), destination.host(), destination.port(), (file, uid) -> Files.delete(file));
                Spool.deleteTree(entry);
                status.sent(destination.toString(), files.size());
                log.accept("results " + entry.getFileName() + " delivered to " + destination + " (" + files.size() + " instances)");
                backoff = 1000;
                lastError = null;
                refusals = 0;
            } catch (DicomSender.SendException e) {
                if (stopping) {
                    return;
                }
                if (e.refused() && ++refusals >= REFUSALS_BEFORE_SET_ASIDE) {
                    setAside(entry, e.getMessage());
                    refusals = 0;
                    continue;
                }
                backoff = retry(entry, e, backoff, lastError);
                lastError = e.getMessage();
            } catch (IOException e) {
                if (stopping) {
                    return;
                }
                backoff = retry(entry, e, backoff, lastError);
                lastError = e.getMessage();
            }
        }
    }

    /** Logs the trouble (once per kind, not at every retry), waits, and returns the next wait. */
    private long retry(Path entry, IOException e, long backoff, String lastError) {
        String error = e.getMessage();
        status.error(destination + ": " + error);
        if (!error.equals(lastError)) {
            log.accept("cannot deliver " + entry.getFileName() + " to " + destination + ": " + error + "; retrying");
        }
        pause(backoff);
        return Math.min(MAX_BACKOFF_MS, backoff * 2);
    }

    /**
     * An entry the destination refuses again and again (the same answer {@value #REFUSALS_BEFORE_SET_ASIDE}
     * times) would hold up every later one: it is moved, whole, to refused/ in the outbox, with the reason,
     * for an operator to look at; nothing is deleted.
     */
    private void setAside(Path entry, String reason) {
        try {
            Path refused = box.resolve(".refused");
            Files.createDirectories(refused);
            Path to = refused.resolve(entry.getFileName());
            Spool.deleteTree(to);
            Spool.move(entry, to);
            Spool.writeAtomically(refused.resolve(entry.getFileName() + ".reason.txt"), reason);
            status.error(destination + ": " + reason);
            log.accept("results " + entry.getFileName() + " refused by " + destination + " " + REFUSALS_BEFORE_SET_ASIDE
                    + " times (" + reason + "): set aside in " + to);
        } catch (IOException io) {
            log.accept("cannot set " + entry + " aside: " + io.getMessage());
        }
    }

    private void pause(long ms) {
        synchronized (wake) {
            if (!stopping) {
                try {
                    wake.wait(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
        }
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(box)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Forwarder::modified).thenComparing(Path::toString)).toList();
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** The images first, then the SEG and the SR that refer to them. */
    static List<Path> files(Path entry) throws IOException {
        try (Stream<Path> s = Files.list(entry)) {
            return s.filter(Files::isRegularFile).sorted(Comparator.comparing((Path p) -> rank(p.getFileName().toString()))
                    .thenComparing(p -> p.getFileName().toString())).toList();
        }
    }

    private static int rank(String name) {
        return name.startsWith("seg") ? 1 : name.startsWith("sr") ? 2 : 0;
    }
}
