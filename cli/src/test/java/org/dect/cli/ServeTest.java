package org.dect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.io.DicomInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dect.dicom.net.DicomSender;
import org.dect.testing.ExternalTools;

/**
 * dect serve as an imaging lab runs it: a real Orthanc is the PACS the results go to, dcmtk's storescu
 * and echoscu are the scanner, the node is a process of its own that the tests kill with -9.
 */
class ServeTest {

    /** Derived series per study with the default outputs: fused, overlay, SEG, SR. */
    static final int DERIVED = 4;
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path tmp;

    static OrthancServer orthanc;

    @BeforeAll
    static void startPacs() throws Exception {
        ExternalTools.require("storescu", "dcmtk");
        orthanc = new OrthancServer(tmp.resolve("orthanc"), NodeProcess.freePort());
    }

    @AfterAll
    static void stopPacs() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    private static String pacs() {
        return "ORTHANC@127.0.0.1:" + orthanc.dicomPort;
    }

    /** A phantom pair written as a scanner exports it; returns its folder. */
    static Path phantom(String name, String size, int seed) {
        Path dir = tmp.resolve("studies").resolve(name);
        CliTest.Run r = CliTest.dect("-q", "phantom", dir.toString(), "--size", size, "--seed", String.valueOf(seed));
        assertEquals(0, r.code(), r.err());
        return dir;
    }

    static List<Path> instances(Path study) throws IOException {
        try (Stream<Path> s = Files.walk(study)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
    }

    static Attributes header(Path file) throws IOException {
        try (DicomInputStream in = new DicomInputStream(file.toFile())) {
            return in.readDatasetUntilPixelData();
        }
    }

    static String studyUid(Path study) throws IOException {
        return header(instances(study).get(0)).getString(Tag.StudyInstanceUID);
    }

    static int storescu(String callingAet, int port, Path... folders) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", callingAet, "-aec", "DECT", "+sd", "+r", "127.0.0.1", String.valueOf(port)));
        for (Path f : folders) {
            cmd.addAll(dicomFolders(f));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "storescu did not finish");
        return p.exitValue();
    }

    /** A phantom's folder holds its ground truth beside the series, which storescu would refuse to send. */
    static List<String> dicomFolders(Path study) {
        return Files.isDirectory(study.resolve("low")) && Files.exists(study.resolve("ground-truth.json"))
                ? List.of(study.resolve("low").toString(), study.resolve("high").toString()) : List.of(study.toString());
    }

    static int echoscu(String callingAet, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("echoscu", "-aet", callingAet, "-aec", "DECT", "127.0.0.1", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }

    static String delivered(String studyUid) {
        return "results " + studyUid + "-r";
    }

    /** The results arrive in Orthanc in the scanner's study, as four new series, and the status says so. */
    @Test
    void resultsArriveInThePacsInTheSameStudy() throws Exception {
        Path study = phantom("one", "64x64x12", 11);
        String uid = studyUid(study);
        int statusPort = NodeProcess.freePort();
        try (NodeProcess node = new NodeProcess(tmp.resolve("node-one"), 0, "--spool", tmp.resolve("spool-one").toString(),
                "--idle-seconds", "1", "--forward", pacs(), "--status-port", String.valueOf(statusPort))) {
            assertEquals(0, echoscu("SCANNER", node.port));
            assertEquals(0, storescu("SCANNER", node.port, study));
            node.await(l -> l.contains(delivered(uid)), WAIT);
            List<Map<String, String>> series = orthanc.seriesOf(uid);
            assertEquals(Set.of("CT", "SEG", "SR"), series.stream().map(s -> s.get("modality")).collect(Collectors.toSet()), series.toString());
            assertEquals(DERIVED, series.size(), series.toString());
            Map<String, String> fused = series.stream().filter(s -> s.get("number").equals("200001")).findFirst().orElseThrow();
            assertEquals("12", fused.get("instances"));
            assertTrue(fused.get("description").startsWith("DECT urate/calcium"), fused.toString());
            Set<String> sourceSeries = new HashSet<>();
            for (Path f : instances(study)) {
                sourceSeries.add(header(f).getString(Tag.SeriesInstanceUID));
            }
            series.forEach(s -> assertFalse(sourceSeries.contains(s.get("uid")), "a derived series has a UID of its own"));

            JsonNode status = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + statusPort + "/status")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(24, status.path("instances_received").asInt());
            assertEquals(1, status.path("studies").path("done").asInt());
            assertEquals(0, status.path("studies").path("failed").asInt());
            assertEquals(0, status.path("destinations").path(pacs()).path("pending_studies").asInt());
            assertEquals(0, node.terminate(), "SIGTERM is a clean stop");
            assertTrue(node.lines().stream().anyMatch(l -> l.endsWith(" stopped")), String.join("\n", node.lines()));
        }
    }

    /** Eight scanners at once, each a study of its own: every study processed, every result delivered. */
    @Test
    void eightConcurrentSenders() throws Exception {
        List<Path> studies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            studies.add(phantom("concurrent-" + i, "64x64x8", 100 + i));
        }
        try (NodeProcess node = new NodeProcess(tmp.resolve("node-eight"), 0, "--spool", tmp.resolve("spool-eight").toString(),
                "--idle-seconds", "1", "--workers", "2", "--forward", pacs())) {
            List<Process> senders = new ArrayList<>();
            for (int i = 0; i < studies.size(); i++) {
                List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "SCANNER" + i, "-aec", "DECT", "+sd", "+r", "127.0.0.1",
                        String.valueOf(node.port)));
                cmd.addAll(dicomFolders(studies.get(i)));
                senders.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            for (Process p : senders) {
                assertTrue(p.waitFor(120, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue());
            }
            for (Path s : studies) {
                String uid = studyUid(s);
                node.await(l -> l.contains(delivered(uid)), WAIT);
                List<Map<String, String>> series = orthanc.seriesOf(uid);
                assertEquals(DERIVED, series.size(), uid + ": " + series);
                assertEquals("8", series.stream().filter(x -> x.get("number").equals("200001")).findFirst().orElseThrow().get("instances"));
            }
            assertEquals(8, node.count(l -> l.contains(": done in")));
        }
    }

    /**
     * kill -9 while a study is arriving, and again while one is being processed: every instance the node
     * acknowledged is in its spool, and after restarts every study's results reach the PACS, once.
     */
    @Test
    void killMinusNineLosesNothingAcknowledged() throws Exception {
        Path arriving = phantom("kill-transfer", "64x64x16", 21);
        Path processing = phantom("kill-processing", "128x128x32", 22);
        Path spool = tmp.resolve("spool-kill");
        Path dir = tmp.resolve("node-kill");
        String[] args = {"--spool", spool.toString(), "--idle-seconds", "1", "--forward", pacs()};
        String arrivingUid = studyUid(arriving);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();

        NodeProcess node = new NodeProcess(dir, 0, args);
        int port = node.port;
        List<Path> files = instances(arriving);
        try {
            new DicomSender("SCANNER").send(files, "DECT", "127.0.0.1", port, (f, sop) -> {
                acknowledged.add(sop);
                if (acknowledged.size() == 10) {
                    try {
                        node.kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        } catch (DicomSender.SendException expected) {
            // the node died mid-study, as intended
        }
        assertTrue(acknowledged.size() >= 10 && acknowledged.size() < files.size(), acknowledged.size() + " acknowledged");
        Set<String> spooled = new HashSet<>();
        try (Stream<Path> s = Files.walk(spool)) {
            s.filter(p -> p.toString().endsWith(".dcm")).forEach(p -> spooled.add(p.getFileName().toString().replace(".dcm", "")));
        }
        assertTrue(spooled.containsAll(acknowledged), "acknowledged but not in the spool: " + difference(acknowledged, spooled));

        // Restarted, the node takes the partial study up; the scanner sends the whole study again.
        NodeProcess again = new NodeProcess(dir, port, args);
        try {
            assertEquals(0, storescu("SCANNER", port, arriving));
            again.await(l -> l.contains(delivered(arrivingUid)), WAIT);

            String processingUid = studyUid(processing);
            assertEquals(0, storescu("SCANNER", port, processing));
            again.await(l -> l.contains("study " + processingUid + ": processing"), WAIT);
            again.kill();
        } finally {
            again.close();
        }
        String processingUid = studyUid(processing);
        try (NodeProcess third = new NodeProcess(dir, port, args)) {
            third.await(l -> l.contains(delivered(processingUid)), WAIT);
            assertTrue(third.count(l -> l.contains("study " + processingUid + ": waiting in the spool from before")) == 1);
        }
        for (String uid : List.of(arrivingUid, processingUid)) {
            List<Map<String, String>> series = orthanc.seriesOf(uid);
            // Resent objects carry the UIDs of the first attempt: the PACS holds each series once.
            assertEquals(DERIVED, series.size(), uid + ": " + series);
            String slices = uid.equals(arrivingUid) ? "16" : "32";
            assertEquals(slices, series.stream().filter(x -> x.get("number").equals("200001")).findFirst().orElseThrow().get("instances"));
        }
    }

    /** A destination that is down keeps its results in the outbox, across a kill and restart, until it is back. */
    @Test
    void aDestinationThatIsDownGetsItsResultsOnceBack() throws Exception {
        Path study = phantom("down", "64x64x12", 31);
        String uid = studyUid(study);
        int downPort = NodeProcess.freePort();
        Path dir = tmp.resolve("node-down");
        String[] args = {"--spool", tmp.resolve("spool-down").toString(), "--idle-seconds", "1", "--forward", "LATE@127.0.0.1:" + downPort};
        int port;
        try (NodeProcess node = new NodeProcess(dir, 0, args)) {
            port = node.port;
            assertEquals(0, storescu("SCANNER", node.port, study));
            node.await(l -> l.contains("cannot deliver " + uid), WAIT);
            node.kill();
        }
        try (OrthancServer late = new OrthancServer(tmp.resolve("orthanc-late"), downPort);
             NodeProcess node = new NodeProcess(dir, port, args)) {
            node.await(l -> l.contains(delivered(uid)), WAIT);
            assertEquals(DERIVED, late.seriesOf(uid).size());
        }
    }

    /**
     * A destination that answers but refuses (here another dect node, which stores CT only and so has no
     * presentation context for the fused Secondary Capture images): after three refusals the results are
     * set aside, whole, with the reason, and the outbox goes on.
     */
    @Test
    void resultsADestinationRefusesAreSetAsideNotLost() throws Exception {
        Path study = phantom("refused", "64x64x12", 71);
        String uid = studyUid(study);
        Path spool = tmp.resolve("spool-refusing");
        try (NodeProcess other = new NodeProcess(tmp.resolve("node-other"), 0, "--aet", "OTHER", "--spool", tmp.resolve("spool-other").toString());
             NodeProcess node = new NodeProcess(tmp.resolve("node-refusing"), 0, "--spool", spool.toString(), "--idle-seconds", "1",
                     "--forward", "OTHER@127.0.0.1:" + other.port)) {
            assertEquals(0, storescu("SCANNER", node.port, study));
            node.await(l -> l.contains("refused by OTHER@127.0.0.1:" + other.port + " 3 times"), WAIT);
            Path box = spool.resolve("outbox").resolve("OTHER@127.0.0.1_" + other.port);
            Path aside = box.resolve(".refused").resolve(uid + "-r1");
            assertEquals(DERIVED, Stream.of("fused", "overlay", "seg", "sr").filter(k -> {
                try (Stream<Path> s = Files.list(aside)) {
                    return s.anyMatch(f -> f.getFileName().toString().startsWith(k));
                } catch (IOException e) {
                    return false;
                }
            }).count(), "every kind of result kept");
            assertEquals(12 + 12 + 1 + 1, instances(aside).size());
            assertTrue(Files.readString(box.resolve(".refused").resolve(uid + "-r1.reason.txt")).contains("accepts no transfer syntax"));
            assertFalse(Files.exists(box.resolve(uid + "-r1")), "no longer in the queue");
        }
    }

    /** Only the callers allowed may associate; anyone else is refused at association and logged. Only CT is stored. */
    @Test
    void anUnknownAeTitleIsRefused() throws Exception {
        try (NodeProcess node = new NodeProcess(tmp.resolve("node-allow"), 0, "--spool", tmp.resolve("spool-allow").toString(),
                "--allow", "SCANNER,CT2@127.0.0.1")) {
            assertEquals(0, echoscu("SCANNER", node.port));
            assertEquals(0, echoscu("CT2", node.port));
            assertNotEquals(0, echoscu("INTRUDER", node.port));
            node.await(l -> l.contains("association from INTRUDER@127.0.0.1 refused: AE title INTRUDER is not allowed"), Duration.ofSeconds(10));

            // An image of another SOP class (here a CT relabelled as MR) finds no presentation context.
            Path ct = instances(phantom("mr", "32x32x2", 51).resolve("low")).get(0);
            Path mr = tmp.resolve("mr").resolve("mr.dcm");
            Files.createDirectories(mr.getParent());
            try (DicomInputStream in = new DicomInputStream(ct.toFile())) {
                Attributes fmi = in.readFileMetaInformation();
                Attributes data = in.readDataset();
                fmi.setString(Tag.MediaStorageSOPClassUID, org.dcm4che3.data.VR.UI, org.dcm4che3.data.UID.MRImageStorage);
                data.setString(Tag.SOPClassUID, org.dcm4che3.data.VR.UI, org.dcm4che3.data.UID.MRImageStorage);
                try (var out = new org.dcm4che3.io.DicomOutputStream(mr.toFile())) {
                    out.writeDataset(fmi, data);
                }
            }
            assertNotEquals(0, storescu("SCANNER", node.port, mr.getParent()));
            assertFalse(Files.exists(tmp.resolve("spool-allow").resolve("incoming").resolve(header(mr).getString(Tag.StudyInstanceUID))));
        }
    }

    /**
     * A study that arrives one energy at a time: the first goes to failed/ with its reason, the second
     * completes the pair and the study is processed. Slices that come later still make a second revision:
     * new series, numbered 10 higher, beside the first.
     */
    @Test
    void aStudyThatGrowsIsProcessedAgainAsANewRevision() throws Exception {
        Path study = phantom("grows", "48x48x10", 41);
        String uid = studyUid(study);
        Path spool = tmp.resolve("spool-grows");
        // Hold the two top slices of each series back (the highest Instance Numbers).
        Path first = tmp.resolve("grows-first");
        Path later = tmp.resolve("grows-later");
        for (String energy : List.of("low", "high")) {
            List<Path> files = new ArrayList<>(instances(study.resolve(energy)));
            files.sort(Comparator.comparingInt(f -> instanceNumber(f)));
            for (int i = 0; i < files.size(); i++) {
                Path to = (i < files.size() - 2 ? first : later).resolve(energy).resolve(files.get(i).getFileName());
                Files.createDirectories(to.getParent());
                Files.copy(files.get(i), to);
            }
        }
        try (NodeProcess node = new NodeProcess(tmp.resolve("node-grows"), 0, "--spool", spool.toString(), "--idle-seconds", "1",
                "--forward", pacs())) {
            assertEquals(0, storescu("SCANNER", node.port, first.resolve("low")));
            node.await(l -> l.contains("study " + uid + ": failed"), WAIT);
            String reason = Files.readString(spool.resolve("failed").resolve(uid).resolve("reason.txt"));
            assertTrue(reason.toLowerCase().contains("high") || reason.toLowerCase().contains("pair"), reason);

            assertEquals(0, storescu("SCANNER", node.port, first.resolve("high")));
            node.await(l -> l.contains(delivered(uid) + "1 delivered"), WAIT);
            assertFalse(Files.exists(spool.resolve("failed").resolve(uid)));

            assertEquals(0, storescu("SCANNER", node.port, later));
            node.await(l -> l.contains(delivered(uid) + "2 delivered"), WAIT);
        }
        Map<String, String> fused = new java.util.TreeMap<>();
        for (Map<String, String> s : orthanc.seriesOf(uid)) {
            if (s.get("description").startsWith("DECT urate/calcium")) {
                fused.put(s.get("number"), s.get("instances"));
            }
        }
        assertEquals(Map.of("200001", "8", "200011", "10"), fused);
        assertEquals(2 * DERIVED, orthanc.seriesOf(uid).size());
    }

    /**
     * A scanner that sends JPEG Lossless (dcmtk's dcmcjpeg re-encodes the phantom): the node accepts that
     * transfer syntax, keeps each instance as it came, decodes it, and writes the outputs into --output.
     */
    @Test
    void compressedInstancesAreKeptAsSentAndProcessed() throws Exception {
        ExternalTools.require("dcmcjpeg", "dcmtk");
        Path study = phantom("jpeg", "64x64x12", 61);
        Path jpeg = tmp.resolve("jpeg-lossless");
        for (String energy : List.of("low", "high")) {
            Files.createDirectories(jpeg.resolve(energy));
            for (Path f : instances(study.resolve(energy))) {
                Process p = new ProcessBuilder("dcmcjpeg", f.toString(), jpeg.resolve(energy).resolve(f.getFileName()).toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue());
            }
        }
        String uid = studyUid(jpeg);
        Path spool = tmp.resolve("spool-jpeg");
        Path output = tmp.resolve("output-jpeg");
        try (NodeProcess node = new NodeProcess(tmp.resolve("node-jpeg"), 0, "--spool", spool.toString(), "--idle-seconds", "1",
                "--output", output.toString())) {
            // -xs: propose JPEG Lossless SV1 (storescu proposes only uncompressed syntaxes otherwise)
            Process p = new ProcessBuilder("storescu", "-xs", "-aet", "SCANNER", "-aec", "DECT", "+sd", "+r", "127.0.0.1",
                    String.valueOf(node.port), jpeg.resolve("low").toString(), jpeg.resolve("high").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            node.await(l -> l.contains("study " + uid + ": done in"), WAIT);
        }
        List<Path> kept = instances(spool.resolve("done").resolve(uid));
        assertEquals(24, kept.size());
        for (Path f : kept) {
            try (DicomInputStream in = new DicomInputStream(f.toFile())) {
                assertEquals(org.dcm4che3.data.UID.JPEGLosslessSV1, in.readFileMetaInformation().getString(Tag.TransferSyntaxUID));
            }
        }
        JsonNode report = new ObjectMapper().readTree(output.resolve(uid).resolve("report.json").toFile());
        assertEquals(12, report.path("outputs").path("fused").path("images").asInt(), report.path("outputs").toString());
    }

    /** The settings from a YAML file, as a service manager starts the node. */
    @Test
    void aConfigurationFileHoldsTheSettings() throws Exception {
        Path config = tmp.resolve("serve.yaml");
        Files.writeString(config, "aet: LABNODE\nspool: " + tmp.resolve("spool-config") + "\nallow: [SCANNER]\nidle-seconds: 2\nmethod: ratio\n");
        try (NodeProcess node = new NodeProcess(tmp.resolve("node-config"), 0, "--config", config.toString())) {
            assertTrue(node.lines().get(0).contains("LABNODE listening on 127.0.0.1:" + node.port), node.lines().get(0));
            assertTrue(Files.isDirectory(tmp.resolve("spool-config").resolve("incoming")));
            Process p = new ProcessBuilder("echoscu", "-aet", "SCANNER", "-aec", "LABNODE", "127.0.0.1", String.valueOf(node.port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            assertNotEquals(0, echoscu("OTHER", node.port));
        }
    }

    /**
     * DICOM over TLS: a caller without TLS cannot associate; with --tls-ca, only a caller whose
     * certificate that authority signed can (openssl makes the keys, dcmtk's echoscu is the caller).
     */
    @Test
    void tlsWithAndWithoutClientCertificates() throws Exception {
        ExternalTools.require("openssl", "openssl");
        Path dir = tmp.resolve("tls");
        Files.createDirectories(dir);
        for (String name : List.of("node", "scanner", "stranger")) {
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                    "-keyout", dir.resolve(name + "-key.pem").toString(), "-out", dir.resolve(name + ".pem").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        String key = dir.resolve("node-key.pem").toString();
        String cert = dir.resolve("node.pem").toString();
        try (NodeProcess node = new NodeProcess(tmp.resolve("node-tls"), 0, "--spool", tmp.resolve("spool-tls").toString(),
                "--tls-key", key, "--tls-cert", cert, "--tls-ca", dir.resolve("scanner.pem").toString())) {
            assertTrue(node.lines().get(0).contains("(TLS)"), node.lines().get(0));
            assertEquals(0, tlsEcho(dir, "scanner", node.port), "a caller with a certificate of the trusted authority");
            assertNotEquals(0, tlsEcho(dir, "stranger", node.port), "a caller with a certificate of another");
            assertNotEquals(0, echoscu("SCANNER", node.port), "a caller without TLS");
        }
    }

    private static int tlsEcho(Path dir, String who, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("echoscu", "-aet", "SCANNER", "-aec", "DECT", "+tls", dir.resolve(who + "-key.pem").toString(),
                dir.resolve(who + ".pem").toString(), "+cf", dir.resolve("node.pem").toString(), "127.0.0.1", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue();
    }

    private static int instanceNumber(Path f) {
        try {
            return header(f).getInt(Tag.InstanceNumber, 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }
}
