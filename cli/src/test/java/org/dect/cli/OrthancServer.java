package org.dect.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dect.Json;
import org.dect.testing.ExternalTools;

/** A real Orthanc (Debian's), on loopback with a configuration of its own, started and stopped (by pid) by a test: the PACS. */
final class OrthancServer implements AutoCloseable {

    static final String BINARY = "/usr/sbin/Orthanc";

    final int httpPort;
    final int dicomPort;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    OrthancServer(Path dir, int dicomPort) throws IOException, InterruptedException {
        ExternalTools.require(BINARY, "orthanc");
        this.httpPort = NodeProcess.freePort();
        this.dicomPort = dicomPort;
        Files.createDirectories(dir);
        Path config = dir.resolve("orthanc.json");
        Json.write(Map.of("Name", "dect-test", "StorageDirectory", dir.resolve("db").toString(), "IndexDirectory", dir.resolve("db").toString(),
                "HttpPort", httpPort, "DicomPort", dicomPort, "DicomAet", "ORTHANC", "RemoteAccessAllowed", false,
                "AuthenticationEnabled", false, "Plugins", List.of(), "HttpBindAddress", "127.0.0.1"), config);
        process = new ProcessBuilder(BINARY, config.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                get("/system");
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    close();
                    throw new IOException("Orthanc did not start: see " + dir.resolve("orthanc.log"), e);
                }
                Thread.sleep(100);
            }
        }
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("Orthanc " + path + ": HTTP " + r.statusCode());
        }
        return new ObjectMapper().readTree(r.body());
    }

    /** The series Orthanc holds in the study of this Study Instance UID: each one's main tags and instance count. */
    List<Map<String, String>> seriesOf(String studyUid) throws IOException, InterruptedException {
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode study : get("/studies?expand")) {
            if (!studyUid.equals(study.path("MainDicomTags").path("StudyInstanceUID").asText())) {
                continue;
            }
            for (JsonNode id : study.path("Series")) {
                JsonNode s = get("/series/" + id.asText());
                JsonNode tags = s.path("MainDicomTags");
                out.add(Map.of("modality", tags.path("Modality").asText(), "number", tags.path("SeriesNumber").asText(),
                        "uid", tags.path("SeriesInstanceUID").asText(), "instances", String.valueOf(s.path("Instances").size()),
                        "description", tags.path("SeriesDescription").asText()));
            }
        }
        return out;
    }

    /** Waits until the study holds {@code count} series, or the time is up; returns what it holds then. */
    List<Map<String, String>> awaitSeries(String studyUid, int count, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<Map<String, String>> s = seriesOf(studyUid);
        while (s.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            s = seriesOf(studyUid);
        }
        Thread.sleep(300); // instances of the last series may still be arriving
        return seriesOf(studyUid);
    }

    long instances() throws IOException, InterruptedException {
        return get("/statistics").path("CountInstances").asLong();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
