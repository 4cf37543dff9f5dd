package org.dect.dicom.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.dect.InputException;
import org.dect.Parallel;
import org.dect.ProgressListener;

/**
 * Finds the image slices under a set of files and folders, recursively, whatever the files are
 * called, following symbolic links (data often sits on mounted or linked storage) but never into a
 * cycle, and reading a file reached by two paths once. Files that are not DICOM are skipped and
 * counted; a file that announces itself as DICOM but cannot be read stops the scan, since it may be a
 * slice of the series the user wants.
 */
public final class DicomFolderScanner {

    /** What a scan found. {@code nonImageObjects} counts DICOM files without pixels (DICOMDIR, SR, ...). */
    public record ScanResult(List<Path> roots, List<SliceHeader> slices, int filesSeen, int nonDicomFiles,
                             int nonImageObjects) { }

    private final int threads;
    private final ProgressListener progress;

    public DicomFolderScanner(int threads, ProgressListener progress) {
        this.threads = Math.max(1, threads);
        this.progress = progress;
    }

    public ScanResult scan(List<Path> roots) {
        List<Path> files = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (Path root : roots) {
            listFiles(root, files, seen);
        }
        if (files.isEmpty()) {
            throw new InputException(roots.size() == 1
                    ? "Folder " + roots.get(0) + " is empty: no files in it or below it. Point at the folder of an exported study."
                    : "No files in " + roots + ".");
        }
        AtomicInteger done = new AtomicInteger();
        List<FileOutcome> outcomes = Parallel.map(files, threads, file -> {
            FileOutcome outcome = readOne(file);
            progress.progress("scan", done.incrementAndGet(), files.size());
            return outcome;
        });

        List<SliceHeader> slices = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int junk = 0;
        int nonImage = 0;
        for (FileOutcome o : outcomes) {
            if (o.problem != null) {
                unreadable.add(o.problem);
            } else if (o.slices == null) {
                junk++;
            } else if (o.slices.isEmpty()) {
                nonImage++;
            } else {
                slices.addAll(o.slices);
            }
        }
        if (!unreadable.isEmpty()) {
            throw new InputException(unreadable.size() + " file(s) look like DICOM but cannot be read:\n  "
                    + String.join("\n  ", unreadable.subList(0, Math.min(10, unreadable.size())))
                    + (unreadable.size() > 10 ? "\n  ..." : "")
                    + "\nRepair or remove them (or copy the series you need to a folder of its own) and run again.");
        }
        return new ScanResult(List.copyOf(roots), slices, files.size(), junk, nonImage);
    }

    /**
     * Adds the regular files under {@code root} in name order. {@code seen} holds the file keys (device
     * and inode) of the files added so far, so that a file reached through a link and directly is one file.
     */
    private static void listFiles(Path root, List<Path> files, Set<Object> seen) {
        if (!Files.exists(root)) {
            throw new InputException("Input " + root + " does not exist" + (Files.isSymbolicLink(root)
                    ? " (it is a symbolic link to a missing target)" : "") + ". Check the path.");
        }
        if (!Files.isDirectory(root) && !Files.isRegularFile(root)) {
            throw new InputException("Input " + root + " is neither a folder nor a file.");
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Object key = attrs.fileKey() != null ? attrs.fileKey() : file.toAbsolutePath().normalize();
                    if (attrs.isRegularFile() && seen.add(key)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException) {
                        return FileVisitResult.SKIP_SUBTREE; // a link back up the tree: its files are listed already
                    }
                    if (Files.isSymbolicLink(file) && !Files.exists(file)) {
                        return FileVisitResult.CONTINUE; // a dangling link holds nothing to read
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new InputException("Cannot list folder " + root + ": " + e.getMessage(), e);
        }
        found.sort(null);
        files.addAll(found);
    }

    /** slices null: not DICOM; empty: DICOM without an image; problem: DICOM that cannot be read. */
    private record FileOutcome(List<SliceHeader> slices, String problem) { }

    private static FileOutcome readOne(Path file) {
        if (!Files.isReadable(file)) {
            return new FileOutcome(null, file + ": permission denied");
        }
        byte[] head = new byte[132];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return new FileOutcome(null, file + ": " + e.getMessage());
        }
        boolean preamble = n == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        if (!preamble && !startsLikeBareDataset(head, n)) {
            return new FileOutcome(null, null);
        }
        try {
            return new FileOutcome(HeaderReader.read(file), null);
        } catch (java.io.EOFException e) {
            return new FileOutcome(null, file + ": file is truncated");
        } catch (IOException e) {
            return new FileOutcome(null, file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (OutOfMemoryError e) {
            // A header that declares a value gigabytes long (ReadFuzzTest ran out of heap on one): the allocation
            // failed and is gone, so the heap is whole again; the file is what is wrong.
            return new FileOutcome(null, file + ": a length in its header is corrupt or too large");
        }
    }

    /**
     * A DICOM file written without the 128-byte preamble (old exports) starts with a group 0x0002 or
     * 0x0008 tag, little or big endian; anything else is not worth handing to the parser.
     */
    private static boolean startsLikeBareDataset(byte[] head, int n) {
        if (n < 8) {
            return false;
        }
        int le = (head[0] & 0xff) | (head[1] & 0xff) << 8;
        int be = (head[0] & 0xff) << 8 | (head[1] & 0xff);
        return le == 0x0002 || le == 0x0008 || be == 0x0002 || be == 0x0008;
    }
}
