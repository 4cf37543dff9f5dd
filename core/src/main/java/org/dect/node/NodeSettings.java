package org.dect.node;

import java.nio.file.Path;
import java.util.List;

import org.dect.dicom.net.TlsSettings;
import org.dect.pipeline.DecompositionOptions;
import org.dect.pipeline.OutputOptions;

/**
 * How a node runs.
 *
 * @param host             the address to listen on, null for every interface
 * @param allow            who may associate; empty for anyone
 * @param output           where each study's outputs also go, as OUTPUT/&lt;Study Instance UID&gt;/; null for none
 * @param idleSeconds      a study is complete when nothing of it has arrived for this long
 * @param workers          studies processed at once
 * @param seriesNumberBase the first processing of a study numbers its series base + 1 …, the next base + 11 …
 * @param tls              null for plain TCP
 * @param statusPort       0 for no status endpoint
 */
public record NodeSettings(String aet, String host, int port, Path spool, List<AllowedCaller> allow, List<Destination> forward,
                           Path output, double idleSeconds, int workers, DecompositionOptions options, OutputOptions outputs,
                           int seriesNumberBase, TlsSettings tls, int statusPort) {

    /** The default base: apart from the scanner's series (1 to a few thousand) and from decompose's (100000 + 10 × HHMM). */
    public static final int SERIES_NUMBER_BASE = 200_000;

    public NodeSettings {
        allow = List.copyOf(allow);
        forward = List.copyOf(forward);
        if (aet == null || aet.isBlank() || aet.length() > 16) {
            throw new IllegalArgumentException("--aet must be 1 to 16 characters, got '" + aet + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 to 65535, got " + port);
        }
        if (!(idleSeconds > 0)) {
            throw new IllegalArgumentException("--idle-seconds must be above 0, got " + idleSeconds);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
    }
}
