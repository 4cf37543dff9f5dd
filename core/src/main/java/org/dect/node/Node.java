package org.dect.node;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dect.DectException;
import org.dect.Json;
import org.dect.OutputException;
import org.dect.ProgressListener;
import org.dect.dicom.net.InstanceSink;
import org.dect.dicom.net.StorageReceiver;
import org.dect.format.ReportJson;
import org.dect.output.StagedOutputFolder;
import org.dect.pipeline.Decomposition;
import org.dect.pipeline.DecompositionResult;
import org.dect.pipeline.OutputOptions;
import org.dect.pipeline.RunOutputs;
import org.dect.study.DualEnergyLoader;
import org.dect.study.DualEnergyVolumes;
import org.dect.study.PairRequest;

/**
 * dect as a DICOM node. Instances arrive through the {@link StorageReceiver} into the {@link Spool}; a
 * study with nothing new for {@code idleSeconds} is complete and goes to a bounded pool of workers,
 * which pair it, decompose it and put the results into each destination's outbox (and OUTPUT/), from
 * where a {@link Forwarder} per destination sends them. A study that grows after it was processed is
 * processed again, whole, and its results are a new revision: new series (new UIDs, series numbers 10
 * higher), beside the earlier ones, never mixed into them. The UIDs of a revision are derived from the
 * study's instances and the options, so a run repeated after a crash resends the same objects.
 */
public final class Node implements AutoCloseable {

    /** How long a stop waits for the running studies before leaving them for the next start. */
    static final long STOP_GRACE_SECONDS = 60;

    private final NodeSettings settings;
    private final Spool spool;
    private final Consumer<String> log;
    private final NodeStatus status = new NodeStatus();
    private final Map<String, Long> lastArrival = new ConcurrentHashMap<>();
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<Forwarder> forwarders = new ArrayList<>();
    private final List<Thread> forwarderThreads = new ArrayList<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> named(r, "node-clock"));
    private final StorageReceiver receiver;
    private StatusEndpoint statusEndpoint;

    public Node(NodeSettings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
        this.spool = new Spool(settings.spool());
        if (settings.output() != null) {
            Path out = settings.output().toAbsolutePath().normalize();
            if (out.startsWith(spool.root()) || spool.root().startsWith(out)) {
                throw new OutputException("--output " + settings.output() + " and --spool " + settings.spool()
                        + " overlap; give them folders apart.");
            }
        }
        this.workers = Executors.newFixedThreadPool(settings.workers(), r -> named(r, "node-worker"));
        InstanceSink sink = new InstanceSink() {
            @Override
            public Path newTemporaryFile() {
                return spool.newTemporaryFile();
            }

            @Override
            public void accept(Path file, String studyUid, String sopInstanceUid) throws IOException {
                spool.accept(file, studyUid, sopInstanceUid);
                if (lastArrival.put(studyUid, System.nanoTime()) == null && !busy.contains(studyUid)) {
                    log.accept("study " + studyUid + ": receiving");
                }
                if (seen.add(studyUid)) {
                    status.studiesReceived.incrementAndGet();
                }
            }
        };
        this.receiver = new StorageReceiver(settings.aet(), settings.host(), settings.port(), settings.tls(),
                AllowedCaller.policy(settings.allow()), sink, log);
    }

    /** Recovers the spool, starts the forwarders, the clock and the listener. */
    public void start() throws IOException {
        for (String study : spool.recover()) {
            log.accept("study " + study + ": waiting in the spool from before, taken up again");
            lastArrival.put(study, System.nanoTime());
            seen.add(study);
        }
        for (Destination d : settings.forward()) {
            Forwarder f = new Forwarder(d, spool.outbox(), settings.aet(), status, log);
            int pending = f.pending();
            if (pending > 0) {
                log.accept(pending + " results from before waiting for " + d);
            }
            forwarders.add(f);
            Thread t = named(f, "forward-" + d);
            forwarderThreads.add(t);
            t.start();
        }
        long tick = Math.max(50, Math.min(1000, (long) (settings.idleSeconds() * 250)));
        clock.scheduleWithFixedDelay(this::dispatch, tick, tick, TimeUnit.MILLISECONDS);
        receiver.start();
        if (settings.statusPort() > 0) {
            statusEndpoint = new StatusEndpoint(settings.host(), settings.statusPort(), this::statusJson);
        }
    }

    public int port() {
        return receiver.port();
    }

    /** Studies quiet for idleSeconds go to the workers, each at most once at a time. */
    private void dispatch() {
        long now = System.nanoTime();
        long idle = (long) (settings.idleSeconds() * 1e9);
        for (Map.Entry<String, Long> e : lastArrival.entrySet()) {
            String study = e.getKey();
            if (now - e.getValue() >= idle && !busy.contains(study) && lastArrival.remove(study, e.getValue())) {
                busy.add(study);
                log.accept("study " + study + ": complete (nothing new for " + fmt(settings.idleSeconds()) + " s), queued");
                workers.execute(() -> {
                    try {
                        process(study);
                    } finally {
                        busy.remove(study);
                    }
                });
            }
        }
    }

    private void process(String study) {
        status.processing.incrementAndGet();
        long t0 = System.nanoTime();
        try {
            Path instances = spool.take(study);
            List<String> sources = sourceNames(instances);
            State before = State.read(spool.state(study));
            String sourceKey = sourceKey(study, sources);
            if (before != null && "done".equals(before.state) && sourceKey.equals(before.sources)) {
                spool.finishDone(study);
                log.accept("study " + study + ": nothing new (" + sources.size() + " instances processed before as revision "
                        + before.revision + ")");
                return;
            }
            int revision = (before == null ? 0 : before.revision) + 1; // a failed state keeps the last done revision
            log.accept("study " + study + ": processing " + sources.size() + " instances" + (revision > 1 ? ", revision " + revision : ""));
            Path results = spool.work(study).resolve("results");
            Map<String, Object> series;
            try {
                series = decompose(study, instances, results, sourceKey, revision);
            } catch (DectException e) {
                String reason = e.getMessage().replaceAll("\\s+", " ").trim();
                spool.finishFailed(study, reason);
                new State("failed", before == null ? 0 : before.revision, sourceKey, reason, Map.of()).write(spool.state(study));
                status.failed.incrementAndGet();
                status.error("study " + study + ": " + reason);
                log.accept("study " + study + ": failed: " + reason + " (instances in " + spool.failed(study) + ")");
                return;
            }
            List<Path> dicom = dicomFiles(results);
            for (Forwarder f : forwarders) {
                f.enqueue(study + "-r" + revision, results, dicom);
            }
            if (settings.output() != null) {
                copyToOutput(study, results);
            }
            new State("done", revision, sourceKey, null, series).write(spool.state(study));
            spool.finishDone(study);
            status.done.incrementAndGet();
            log.accept(String.format(Locale.ROOT, "study %s: done in %.1f s, revision %d, %d objects%s", study, (System.nanoTime() - t0) / 1e9,
                    revision, dicom.size(), forwarders.isEmpty() ? "" : " queued for " + settings.forward()));
        } catch (OutOfMemoryError e) {
            // The same instances would run the heap out again at the next start: the study is failed, with the remedy.
            String reason = "out of memory: this node's JVM may use " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB; give it more (DECT_JAVA_OPTS=-Xmx…) or fewer --workers, then send the study again";
            try {
                spool.finishFailed(study, reason);
            } catch (IOException io) {
                // left in work/, taken up at the next start
            }
            status.failed.incrementAndGet();
            status.error("study " + study + ": " + reason);
            log.accept("study " + study + ": failed: " + reason);
        } catch (IOException | RuntimeException e) {
            // The spool itself failed (disk full, permissions): the study stays where it is, for the next start.
            status.error("study " + study + ": " + e);
            log.accept("study " + study + ": internal error (" + e + "); left in the spool for the next start");
        } finally {
            status.processing.decrementAndGet();
        }
    }

    private Map<String, Object> decompose(String study, Path instances, Path results, String sourceKey, int revision) throws IOException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / settings.workers());
        DualEnergyVolumes volumes = new DualEnergyLoader(threads, ProgressListener.NONE).load(List.of(instances), PairRequest.AUTOMATIC);
        DecompositionResult result = Decomposition.run(volumes, settings.options().withThreads(threads), ProgressListener.NONE);
        OutputOptions out = settings.outputs().withUidSeed(sourceKey).withSeriesNumberBase(settings.seriesNumberBase() + 10 * (revision - 1));
        Files.createDirectories(results);
        Map<String, Object> written = RunOutputs.write(volumes, result, out, results, threads, ProgressListener.NONE);
        Map<String, Object> series = new LinkedHashMap<>();
        written.forEach((kind, v) -> {
            if (v instanceof Map<?, ?> m && m.get("series_uid") != null) {
                series.put(kind, m.get("series_uid"));
            }
        });
        return series;
    }

    private void copyToOutput(String study, Path results) throws IOException {
        try (StagedOutputFolder folder = StagedOutputFolder.create(settings.output().resolve(study), true, List.of(spool.root()))) {
            try (Stream<Path> files = Files.walk(results)) {
                for (Path f : files.toList()) {
                    Path to = folder.path().resolve(results.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
            folder.commit();
        }
    }

    private static List<Path> dicomFiles(Path results) throws IOException {
        try (Stream<Path> s = Files.walk(results)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
    }

    private static List<String> sourceNames(Path instances) throws IOException {
        try (Stream<Path> s = Files.list(instances)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** What decides a revision's objects: the study, its instances (by SOP Instance UID) and the options. */
    private String sourceKey(String study, List<String> sources) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((study + "|" + Json.write(ReportJson.parameters(settings.options())) + "|" + settings.options().method().label + "|"
                    + settings.outputs().kinds().stream().sorted().toList() + "|" + settings.seriesNumberBase()).getBytes(StandardCharsets.UTF_8));
            for (String s : sources) {
                d.update(s.getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> statusJson() {
        Map<String, Integer> outbox = new LinkedHashMap<>();
        for (int i = 0; i < forwarders.size(); i++) {
            outbox.put(settings.forward().get(i).toString(), forwarders.get(i).pending());
        }
        int queued = (int) Math.max(0, busy.size() - status.processing.get());
        return status.json(settings.aet(), receiver.port(), receiver.instances(), lastArrival.size(), queued, outbox);
    }

    /**
     * Stops accepting associations, lets the running studies finish (for up to {@value #STOP_GRACE_SECONDS} s;
     * one still running after that stays in the spool and is taken up at the next start), stops the forwarders.
     */
    public void stop() {
        log.accept("stopping: no new associations");
        receiver.stopListening();
        clock.shutdownNow();
        workers.shutdown();
        try {
            if (!busy.isEmpty()) {
                log.accept("waiting for " + busy.size() + " studies being processed");
            }
            if (!workers.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                log.accept("studies still running are left in the spool for the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forwarders.forEach(Forwarder::stop);
        for (Thread t : forwarderThreads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
        log.accept("stopped");
    }

    @Override
    public void close() {
        receiver.close();
        clock.shutdownNow();
        workers.shutdownNow();
        forwarders.forEach(Forwarder::stop);
        if (statusEndpoint != null) {
            statusEndpoint.close();
        }
    }

    private static Thread named(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static String fmt(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }

    /** state/&lt;study&gt;.json: what was last made of the study. */
    record State(String state, int revision, String sources, String reason, Map<String, Object> series) {

        static State read(Path file) {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try {
                Map<String, Object> m = new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
                @SuppressWarnings("unchecked")
                Map<String, Object> series = (Map<String, Object>) m.getOrDefault("series", Map.of());
                return new State((String) m.get("state"), ((Number) m.get("revision")).intValue(), (String) m.get("sources"),
                        (String) m.get("reason"), series);
            } catch (IOException | RuntimeException e) {
                return null; // unreadable (never half-written: written atomically); processed as new
            }
        }

        void write(Path file) throws IOException {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", state);
            m.put("revision", revision);
            m.put("sources", sources);
            m.put("reason", reason);
            m.put("series", series);
            m.put("at", java.time.Instant.now().toString());
            Spool.writeAtomically(file, Json.write(m));
        }
    }
}
