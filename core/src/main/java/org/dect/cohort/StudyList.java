package org.dect.cohort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.dect.InputException;
import org.dect.study.PairRequest;

/**
 * The studies of a cohort: each direct sub-folder of a root (its name the study's id), or the rows
 * of a manifest CSV with the columns study,path and optionally low,high,preset,patient,timepoint
 * (paths relative to the manifest's folder), in the order of their ids.
 */
public final class StudyList {

    private StudyList() { }

    public static List<Study> of(Path rootOrManifest) {
        if (Files.isRegularFile(rootOrManifest) && rootOrManifest.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return manifest(rootOrManifest);
        }
        if (!Files.isDirectory(rootOrManifest)) {
            throw new InputException(rootOrManifest + " is neither a folder of studies nor a manifest (.csv). Give the folder whose "
                    + "sub-folders are the studies, or a CSV with the columns study,path.");
        }
        List<Study> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(rootOrManifest)) {
            s.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .forEach(p -> out.add(new Study(p.getFileName().toString(), p, PairRequest.AUTOMATIC, null, "", "")));
        } catch (IOException e) {
            throw new InputException("Cannot list " + rootOrManifest + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new InputException(rootOrManifest + " has no sub-folders: each study is a folder of its own under it.");
        }
        return out;
    }

    private static List<Study> manifest(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new InputException("Cannot read the manifest " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new InputException("The manifest " + file + " is empty: it needs a header line with study,path.");
        }
        List<String> header = List.of(lines.get(0).trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*", -1));
        int study = header.indexOf("study");
        int path = header.indexOf("path");
        if (study < 0 || path < 0) {
            throw new InputException("The manifest " + file + " needs the columns study and path; its header is: " + lines.get(0));
        }
        Path base = file.toAbsolutePath().getParent();
        List<Study> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int n = 1; n < lines.size(); n++) {
            String[] f = lines.get(n).split("\\s*,\\s*", -1);
            if (f.length != header.size()) {
                throw new InputException(String.format(Locale.ROOT, "%s, line %d: %d fields where the header has %d", file, n + 1, f.length,
                        header.size()));
            }
            String id = f[study].trim();
            if (id.isEmpty() || !id.matches("[A-Za-z0-9._-]+") || !ids.add(id)) {
                throw new InputException(String.format(Locale.ROOT, "%s, line %d: the study id '%s' is empty, repeated, or not "
                        + "a folder name (letters, digits, '.', '_', '-')", file, n + 1, id));
            }
            out.add(new Study(id, base.resolve(f[path].trim()), new PairRequest(field(header, f, "low"), field(header, f, "high")),
                    field(header, f, "preset"), orEmpty(field(header, f, "patient")), orEmpty(field(header, f, "timepoint"))));
        }
        out.sort(Comparator.comparing(Study::id));
        return out;
    }

    private static String field(List<String> header, String[] f, String name) {
        int i = header.indexOf(name);
        return i < 0 || f[i].isBlank() ? null : f[i].trim();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Shard k of n (1-based): every n-th study from the k-th, so that n machines share a cohort. */
    public static List<Study> shard(List<Study> studies, int k, int n) {
        List<Study> out = new ArrayList<>();
        for (int i = k - 1; i < studies.size(); i += n) {
            out.add(studies.get(i));
        }
        return out;
    }
}
