package org.dect.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.dect.OutputException;
import org.dect.dicom.net.InstanceSink;

/**
 * The node's folder. Every instance acknowledged lives in exactly one of these at any time, moved between
 * them by renames within the one file system, so that a kill at any moment loses none:
 * <pre>
 * incoming/&lt;study&gt;/&lt;sop&gt;.dcm     received, waiting for the study to go quiet
 * work/&lt;study&gt;/instances/           taken up by a worker (moved back to incoming/ at start: a run cut short)
 * work/&lt;study&gt;/results/             that run's outputs
 * done/&lt;study&gt;/instances/           processed
 * failed/&lt;study&gt;/instances/, reason.txt   could not be processed, and why
 * state/&lt;study&gt;.json                what was last made of the study: revision, sources, series
 * outbox/&lt;destination&gt;/&lt;study&gt;-r&lt;n&gt;/   results not yet acknowledged by that destination
 * tmp/                             instances being received (cleared at start: none was acknowledged)
 * </pre>
 */
public final class Spool implements InstanceSink {

    private final Path root;

    public Spool(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            for (String d : new String[] {"incoming", "work", "done", "failed", "state", "outbox", "tmp"}) {
                Files.createDirectories(this.root.resolve(d));
            }
        } catch (IOException e) {
            throw new OutputException("Cannot use " + root + " as the spool: " + e.getMessage() + ". Give a folder the node may write.", e);
        }
    }

    public Path root() {
        return root;
    }

    Path incoming(String study) {
        return root.resolve("incoming").resolve(study);
    }

    Path work(String study) {
        return root.resolve("work").resolve(study);
    }

    Path done(String study) {
        return root.resolve("done").resolve(study);
    }

    Path failed(String study) {
        return root.resolve("failed").resolve(study);
    }

    Path state(String study) {
        return root.resolve("state").resolve(study + ".json");
    }

    Path outbox() {
        return root.resolve("outbox");
    }

    @Override
    public Path newTemporaryFile() {
        return root.resolve("tmp").resolve(UUID.randomUUID() + ".part");
    }

    @Override
    public void accept(Path file, String studyUid, String sopInstanceUid) throws IOException {
        Path dir = incoming(studyUid);
        Files.createDirectories(dir);
        move(file, dir.resolve(sopInstanceUid + ".dcm"));
        forceDirectory(dir);
    }

    /**
     * At start: what a kill left. Partial receives go (none was acknowledged); studies a worker had taken
     * up go back to incoming/, to be taken up again. Returns the studies now waiting in incoming/.
     */
    List<String> recover() throws IOException {
        try (Stream<Path> parts = Files.list(root.resolve("tmp"))) {
            for (Path p : parts.toList()) {
                Files.deleteIfExists(p);
            }
        }
        for (String study : children(root.resolve("work"))) {
            moveAll(work(study).resolve("instances"), incoming(study));
            deleteTree(work(study));
        }
        List<String> waiting = new ArrayList<>();
        for (String study : children(root.resolve("incoming"))) {
            if (count(incoming(study)) > 0) {
                waiting.add(study);
            }
        }
        return waiting;
    }

    /** Gathers the study's instances, new and already processed or failed, into work/; returns that folder. */
    Path take(String study) throws IOException {
        Path instances = work(study).resolve("instances");
        Files.createDirectories(instances);
        moveAll(done(study).resolve("instances"), instances);
        moveAll(failed(study).resolve("instances"), instances);
        moveAll(incoming(study), instances);
        deleteTree(done(study));
        deleteTree(failed(study));
        deleteTree(work(study).resolve("results"));
        forceDirectory(instances);
        return instances;
    }

    /** Files directly in the study's incoming folder: arrived since it was taken up. */
    int waiting(String study) throws IOException {
        return count(incoming(study));
    }

    void finishDone(String study) throws IOException {
        Path to = done(study).resolve("instances");
        moveAll(work(study).resolve("instances"), to);
        deleteTree(work(study));
        forceDirectory(to);
    }

    void finishFailed(String study, String reason) throws IOException {
        Path to = failed(study).resolve("instances");
        moveAll(work(study).resolve("instances"), to);
        writeAtomically(failed(study).resolve("reason.txt"), reason + "\n");
        deleteTree(work(study));
        forceDirectory(to);
    }

    /** Writes a file whole or not at all: a temporary file, forced, renamed over the old one. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        move(tmp, file);
        forceDirectory(file.getParent());
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the spool must be one file system (" + from + " → " + to + ")", e);
        }
    }

    /** Moves every file of {@code from} (a flat folder) into {@code to}; a file of the same name there is the same instance. */
    static void moveAll(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                move(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** Makes a directory's entries durable (a rename into it survives a power cut, not only a kill). */
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for this; the rename itself has happened.
        }
    }

    static List<String> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    static int count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(Files::isRegularFile).count();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Hard links (or copies, across file systems) {@code files} of {@code from} into a new folder {@code to}. */
    static void link(Path from, List<Path> files, Path to) throws IOException {
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString().replace('/', '_'));
            try {
                Files.createLink(target, f);
            } catch (FileAlreadyExistsException e) {
                // an earlier, cut-short attempt
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
