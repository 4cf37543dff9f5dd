package org.dect.cohort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dect.DectException;
import org.dect.Json;
import org.dect.ProgressListener;
import org.dect.decompose.Presets;
import org.dect.dicom.read.StudyDate;
import org.dect.format.ReportJson;
import org.dect.output.StagedOutputFolder;
import org.dect.pipeline.Decomposition;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.DecompositionResult;
import org.dect.pipeline.OutputOptions;
import org.dect.pipeline.RunOutputs;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;

/**
 * A cohort, study by study, each into OUT/&lt;study&gt;/ exactly as decompose writes it, {@code jobs} at
 * a time within a memory budget, one failure recorded and passed over. A study is done when its
 * folder holds {@value #DONE} with the same key: a digest of its files (paths, sizes, times) and of the
 * options; a rerun passes such studies over, so an interrupted batch resumes where it stopped.
 */
public final class BatchRun {

    /** What a finished study's folder holds beside its outputs: its key and its row of the table. */
    public static final String DONE = "batch-study.json";

    /**
     * Heap a study may need, as a multiple of its files' size: the two HU volumes, the labels, the
     * smoothed copies and the outputs being encoded came to 5–6 times the input in the 300-slice runs.
     */
    static final double HEAP_PER_INPUT_BYTE = 8;

    private final DecompositionOptions options;
    private final OutputOptions outputs;
    private final int jobs;
    private final boolean overwrite;
    private final Consumer<String> log;
    private final ProgressListener progress;

    public BatchRun(DecompositionOptions options, OutputOptions outputs, int jobs, boolean overwrite, Consumer<String> log) {
        this(options, outputs, jobs, overwrite, log, ProgressListener.NONE);
    }

    /** @param progress told of each study done, as stage "studies" (a bar with an ETA on a terminal) */
    public BatchRun(DecompositionOptions options, OutputOptions outputs, int jobs, boolean overwrite, Consumer<String> log,
                    ProgressListener progress) {
        this.options = options;
        this.outputs = outputs;
        this.jobs = Math.max(1, jobs);
        this.overwrite = overwrite;
        this.log = log;
        this.progress = progress;
    }

    /** Runs every study; returns their rows, in the studies' order. */
    public List<Map<String, Object>> run(List<Study> studies, Path out) {
        int threadsPerStudy = Math.max(1, Runtime.getRuntime().availableProcessors() / jobs);
        long budgetMb = Math.max(256, (long) (Runtime.getRuntime().maxMemory() * 0.8 / (1 << 20)));
        Semaphore memory = new Semaphore((int) Math.min(Integer.MAX_VALUE, budgetMb));
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<Map<String, Object>>> futures = new ArrayList<>();
            for (Study s : studies) {
                futures.add(pool.submit(() -> {
                    Map<String, Object> row = one(s, out.resolve(s.id()), threadsPerStudy, memory, budgetMb);
                    int n = done.incrementAndGet();
                    int f = "ok".equals(row.get("status")) ? failed.get() : failed.incrementAndGet();
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    double eta = elapsed / n * (studies.size() - n);
                    log.accept(String.format(Locale.ROOT, "[%d/%d, %d failed, ETA %s] %s: %s%s", n, studies.size(), f, duration(eta), s.id(),
                            row.get("status"), "ok".equals(row.get("status")) ? "" : " (" + row.get("error") + ")"));
                    progress.progress("studies", n, studies.size(), f + " failed");
                    return row;
                }));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Future<Map<String, Object>> f : futures) {
                rows.add(f.get());
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("batch interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One study into {@code dir}, on the calling thread, as {@link #run} does each: the per-study function a
     * scheduler of its own (Spark) calls. A failure is a row with its reason, never an exception.
     */
    public Map<String, Object> runStudy(Study s, Path dir, int threads) {
        return one(s, dir, threads, new Semaphore(Integer.MAX_VALUE), Integer.MAX_VALUE);
    }

    private Map<String, Object> one(Study s, Path dir, int threads, Semaphore memory, long budgetMb) {
        long t0 = System.nanoTime();
        Map<String, Object> row = baseRow(s);
        try {
            String key = key(s);
            Map<String, Object> earlier = earlier(dir, key);
            if (earlier != null) {
                earlier.put("skipped", true);
                return earlier;
            }
            int needMb = (int) Math.min(budgetMb, Math.max(64, inputBytes(s.path()) * HEAP_PER_INPUT_BYTE / (1 << 20)));
            memory.acquireUninterruptibly(needMb);
            try {
                DecompositionOptions o = options.withThreads(threads);
                if (s.preset() != null) {
                    try {
                        o = o.withPreset(Presets.byName(s.preset()));
                    } catch (IllegalArgumentException e) {
                        fail(row, "the manifest's preset: " + e.getMessage(), t0);
                        return row;
                    }
                }
                try (StagedOutputFolder folder = StagedOutputFolder.create(dir, overwrite, List.of(s.path()))) {
                    DualEnergyVolumes volumes = new DualEnergyLoader(threads, ProgressListener.NONE).load(List.of(s.path()), s.pair());
                    DecompositionResult result = Decomposition.run(volumes, o, ProgressListener.NONE);
                    RunOutputs.write(volumes, result, outputs, folder.path(), threads, ProgressListener.NONE);
                    fill(row, volumes, result);
                    row.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
                    Json.write(Map.of("key", key, "row", row), folder.path().resolve(DONE));
                    folder.commit();
                }
            } finally {
                memory.release(needMb);
            }
        } catch (DectException e) {
            fail(row, e.getMessage(), t0);
        } catch (IOException | RuntimeException e) {
            fail(row, "internal error (" + e + "): please report it", t0);
        }
        return row;
    }

    private static void fail(Map<String, Object> row, String message, long t0) {
        row.put("status", "failed");
        row.put("error", message.replaceAll("\\s+", " ").trim()); // one line: a table's cell
        row.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
    }

    private static Map<String, Object> baseRow(Study s) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String c : CohortTable.COLUMNS) {
            row.put(c, null);
        }
        row.put("study", s.id());
        row.put("status", "ok");
        row.put("error", "");
        row.put("patient", s.patient());
        row.put("timepoint", s.timepoint());
        return row;
    }

    private static void fill(Map<String, Object> row, DualEnergyVolumes volumes, DecompositionResult r) {
        var q = r.quantification();
        double[] ci = q.urate().ci95();
        row.put("study_date", StudyDate.of(volumes.lowSlices().get(0).file()));
        row.put("pair", volumes.pair().low().energyLabel() + "/" + volumes.pair().high().energyLabel());
        row.put("preset", r.preset().name());
        row.put("method", r.options().method().label);
        row.put("urate_volume_ml", q.urateVolumeMl());
        row.put("urate_volume_ml_ci95_low", Double.isNaN(ci[0]) ? null : ci[0]);
        row.put("urate_volume_ml_ci95_high", Double.isNaN(ci[1]) ? null : ci[1]);
        row.put("urate_voxel_volume_ml", q.urate().voxelVolumeMl());
        row.put("urate_lesions", q.count(org.dect.decompose.Labels.URATE));
        row.put("calcium_volume_ml", q.calciumVolumeMl());
        row.put("calcium_lesions", q.count(org.dect.decompose.Labels.CALCIUM));
        row.put("warnings", r.warnings());
    }

    /** The row of an earlier run of this study with the same key, or null. */
    private static Map<String, Object> earlier(Path dir, String key) {
        Path file = dir.resolve(DONE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Map<String, Object> done = new ObjectMapper().readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            if (!key.equals(done.get("key"))) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> row = new LinkedHashMap<>((Map<String, Object>) done.get("row"));
            return row;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: the study is run again
        }
    }

    /** A digest of the study's files (relative path, size, modification time) and of everything the options decide. */
    String key(Study s) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(d, Json.write(ReportJson.parameters(options)));
        update(d, options.method().label + "|" + (options.preset() == null ? "auto" : options.preset().name()) + "|" + s.preset()
                + "|" + s.pair() + "|" + outputs.kinds().stream().sorted().toList()); // sorted: a Set's order may differ from run to run
        try (Stream<Path> files = Files.walk(s.path())) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                update(d, s.path().relativize(p) + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static void update(MessageDigest d, String s) {
        d.update(s.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
    }

    private static long inputBytes(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }
}
