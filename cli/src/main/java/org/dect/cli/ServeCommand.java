package org.dect.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.dect.dicom.net.TlsSettings;
import org.dect.node.AllowedCaller;
import org.dect.node.Destination;
import org.dect.node.Node;
import org.dect.node.NodeSettings;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run as a DICOM node: receive dual-energy studies, decompose them, send the results on.",
        description = {"Run as a DICOM node (Verification and Storage SCP for CT, Enhanced CT and Legacy Converted Enhanced CT).",
            "Each instance is on disk in the spool before it is acknowledged. A study is complete when nothing of it",
            "has arrived for --idle-seconds; it is then paired and decomposed, and the results (fused, SEG, SR, overlay,",
            "maps: as --outputs names) go by C-STORE to every --forward destination, retried until each takes them,",
            "and/or into --output/<Study Instance UID>/. A study that grows after it was processed is processed again:",
            "its new results are new series (numbers 10 higher), beside the earlier ones. A study without a usable",
            "pair goes to SPOOL/failed/<study>/ with reason.txt. After a crash or kill the node takes up, at its next",
            "start, every study it had not finished and resends every result not yet delivered. SIGTERM stops it:",
            "no new associations, running studies finished (or, after 60 s, left for the next start)."},
        footer = {"%nExamples:",
            "  dect serve --aet DECT --port 11112 --spool /var/spool/dect --forward PACS@10.0.0.5:104",
            "  dect serve --spool spool --allow SCANNER@10.0.0.7,ORTHANC --output /data/dect --status-port 8042",
            "  dect serve --config /etc/dect/serve.yaml",
            "%nA configuration file (YAML or JSON) holds the same settings under the options' long names; the",
            "command line wins over it:",
            "  aet: DECT",
            "  port: 11112",
            "  spool: /var/spool/dect",
            "  allow: [SCANNER@10.0.0.7, ORTHANC]",
            "  forward: [PACS@10.0.0.5:104]",
            "  idle-seconds: 20",
            "  workers: 2",
            "  status-port: 8042",
            "  method: three-material",
            "  outputs: fused,seg,overlay",
            "%nStatus: GET http://HOST:STATUS-PORT/status gives JSON: studies received, queued, processing, done,",
            "failed, results waiting per destination, the last error.",
            "%nExit codes: 0 stopped by SIGTERM or SIGINT, 2 usage error, 3 unusable TLS files, 4 the port in use or the spool",
            "not writable."})
final class ServeCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(names = "--config", paramLabel = "FILE", description = "Settings from this YAML or JSON file (see below).")
    Path config;

    @Option(names = "--aet", defaultValue = "DECT", description = "The node's AE title (default ${DEFAULT-VALUE}).")
    String aet;

    @Option(names = "--port", defaultValue = "11112", description = "The DICOM port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "HOST", description = "Listen on this address only (default: every interface).")
    String bind;

    @Option(names = "--spool", paramLabel = "DIR", required = true,
            description = "The node's folder: received instances, work, outboxes, failed studies. Created if missing.")
    Path spool;

    @Option(names = "--allow", paramLabel = "AET[@HOST]", split = ",",
            description = "Only these callers may associate (AE title, and host when given); others are refused. Default: anyone.")
    List<String> allow = List.of();

    @Option(names = "--forward", paramLabel = "AET@HOST:PORT", split = ",",
            description = "Send the results here by C-STORE; may be given more than once.")
    List<String> forward = List.of();

    @Option(names = "--output", paramLabel = "DIR", description = "Also write each study's outputs into DIR/<Study Instance UID>/ (replaced by a later revision).")
    Path output;

    @Option(names = "--idle-seconds", paramLabel = "S", defaultValue = "10",
            description = "A study is complete when nothing of it has arrived for S seconds (default ${DEFAULT-VALUE}).")
    double idleSeconds;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1", description = "Studies processed at once (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--status-port", paramLabel = "PORT", defaultValue = "0", description = "Serve the status as JSON over HTTP on this port (default: off).")
    int statusPort;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "TLS: the node's private key (unencrypted PKCS#8 PEM). With --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "TLS: the node's certificate (PEM).")
    Path tlsCert;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "TLS: accept only callers with a certificate from these authorities (PEM).")
    Path tlsCa;

    @Mixin
    DecomposeOptions decompose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Log log = Log.of(spec);
        if ((tlsKey == null) != (tlsCert == null) || tlsCa != null && tlsKey == null) {
            throw Usage.error(spec, "TLS needs both --tls-key and --tls-cert (and --tls-ca only with them)");
        }
        NodeSettings settings = Usage.parse(spec, () -> new NodeSettings(aet, bind, port, spool,
                allow.stream().map(AllowedCaller::parse).toList(), forward.stream().map(Destination::parse).toList(), output,
                idleSeconds, workers, decompose.options(spec, 1), decompose.outputOptions(spec),
                decompose.seriesNumber != null ? decompose.seriesNumber : NodeSettings.SERIES_NUMBER_BASE,
                tlsKey == null ? null : new TlsSettings(tlsKey, tlsCert, tlsCa), statusPort));
        Node node = new Node(settings, line -> log.info(LocalDateTime.now().format(TIME) + " " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        node.start();
        Signals.onTermination(() -> {
            node.stop();
            stopped.countDown();
        });
        spec.commandLine().getOut().printf("dect serve: %s listening on %s:%d%s, spool %s%s%n", aet, bind == null ? "*" : bind, node.port(),
                tlsKey == null ? "" : " (TLS)", spool.toAbsolutePath(),
                forward.isEmpty() ? "" : ", forwarding to " + String.join(", ", forward));
        spec.commandLine().getOut().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
