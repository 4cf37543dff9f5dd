package org.dect.node;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the status endpoint reports: counts since start, and the last error. Studies: received (since
 * start), receiving (instances arriving, not yet quiet for idle-seconds), queued (complete, waiting
 * for a worker), processing, done, failed.
 */
final class NodeStatus {

    final AtomicLong studiesReceived = new AtomicLong();
    final AtomicLong processing = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    private final Instant started = Instant.now();
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    void error(String message) {
        lastError = message;
        lastErrorAt = Instant.now();
    }

    void sent(String destination, int instances) {
        sent.computeIfAbsent(destination, d -> new AtomicLong()).addAndGet(instances);
    }

    /** The JSON object, given what only the node knows at the moment of asking. */
    Map<String, Object> json(String aet, int port, long instances, int receiving, int queued, Map<String, Integer> outbox) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("aet", aet);
        m.put("port", port);
        m.put("started", started.toString());
        m.put("instances_received", instances);
        Map<String, Object> studies = new LinkedHashMap<>();
        studies.put("received", studiesReceived.get());
        studies.put("receiving", receiving);
        studies.put("queued", queued);
        studies.put("processing", processing.get());
        studies.put("done", done.get());
        studies.put("failed", failed.get());
        m.put("studies", studies);
        Map<String, Object> destinations = new LinkedHashMap<>();
        outbox.forEach((d, pending) -> destinations.put(d, Map.of("pending_studies", pending,
                "instances_sent", sent.getOrDefault(d, new AtomicLong()).get())));
        m.put("destinations", destinations);
        m.put("last_error", lastError);
        m.put("last_error_at", lastErrorAt == null ? null : lastErrorAt.toString());
        return m;
    }
}
