package org.dect.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.dect.InputException;
import org.dect.Parallel;
import org.dect.ProgressListener;

/**
 * Finds the image slices under a set of files and folders, recursively, whatever the files are
 * called. Files that are not DICOM are skipped and counted; a file that announces itself as DICOM
 * but cannot be read stops the scan, since it may be a slice of the series the user wants.
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
        for (Path root : roots) {
            files.addAll(listFiles(root));
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

    private static List<Path> listFiles(Path root) {
        if (!Files.exists(root)) {
            throw new InputException("Input " + root + " does not exist. Check the path.");
        }
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            throw new InputException("Input " + root + " is neither a folder nor a file.");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException("Cannot list folder " + root + ": " + e.getMessage(), e);
        }
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
        } catch (Exception e) {
            // PixelMed reports a cut-off header as an EOF or a bogus length; both mean "broken file".
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new FileOutcome(null, file + ": " + (e instanceof java.io.EOFException ? "file is truncated" : why));
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
