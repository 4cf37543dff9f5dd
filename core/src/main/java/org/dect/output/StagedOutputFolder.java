package org.dect.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.dect.OutputException;

/**
 * An output folder that appears complete or not at all: everything is written into a hidden
 * temporary folder beside the target, which {@link #commit()} renames into place. Closing without
 * committing deletes the temporary folder, so a failure leaves nothing half-written. An existing
 * non-empty target is refused unless overwriting was asked for; a target that is inside an input, or
 * holds one, is refused always, compared by real path (symbolic links resolved), since overwriting
 * it would move the input aside and delete it.
 *
 * <p>A target that is a symbolic link (to a folder on other storage, say) is followed: the outputs
 * are staged beside the folder it points to and replace that folder's content, and the link stays.
 */
public final class StagedOutputFolder implements AutoCloseable {

    private final Path target;
    private final Path staging;
    private final boolean overwrite;
    private boolean committed;

    private StagedOutputFolder(Path target, Path staging, boolean overwrite) {
        this.target = target;
        this.staging = staging;
        this.overwrite = overwrite;
    }

    public static StagedOutputFolder create(Path target, boolean overwrite, List<Path> inputs) {
        Path abs = realPath(target);
        for (Path input : inputs) {
            Path in = realPath(input);
            if (abs.startsWith(in) || in.startsWith(abs)) {
                throw new OutputException("Output folder " + target + " overlaps input " + input
                        + (abs.startsWith(in) ? " (it would be inside it)" : " (it holds it, and would replace it)")
                        + "; choose an output folder outside the input.");
            }
        }
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new OutputException("Output " + target + " exists and is a file; choose a folder path.");
            }
            if (!isEmpty(abs) && !overwrite) {
                throw new OutputException("Output folder " + target + " exists and is not empty; use --overwrite to replace it.");
            }
        }
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + abs.getFileName() + ".partial-");
            return new StagedOutputFolder(abs, staging, overwrite);
        } catch (IOException e) {
            throw new OutputException("Cannot create output folder beside " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The path with every symbolic link resolved: of the path itself when it exists, else of its deepest
     * existing ancestor with the rest appended.
     */
    static Path realPath(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            throw new OutputException("Cannot resolve " + path + ": " + e.getMessage(), e);
        }
    }

    /** Where to write; becomes the target on {@link #commit()}. */
    public Path path() {
        return staging;
    }

    public Path target() {
        return target;
    }

    /** Moves the finished output into place, replacing an old one only when overwriting was allowed. */
    public void commit() {
        try {
            if (Files.exists(target)) {
                if (!overwrite && !isEmpty(target)) {
                    throw new OutputException("Output folder " + target + " appeared while writing; nothing was replaced.");
                }
                Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
                move(target, old.resolve("previous"));
                move(staging, target);
                deleteTree(old);
            } else {
                move(staging, target);
            }
            committed = true;
        } catch (IOException e) {
            throw new OutputException("Cannot move the output into " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            deleteTree(staging);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new OutputException("Cannot read output folder " + dir + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover hidden temporary folder is untidy, not wrong.
        }
    }
}
