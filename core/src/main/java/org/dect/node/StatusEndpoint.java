package org.dect.node;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;

import org.dect.Json;
import org.dect.OutputException;

/** GET /status (or /): the node's counts as JSON, for an operator or a monitor (the JDK's HTTP server). */
final class StatusEndpoint implements AutoCloseable {

    private final HttpServer server;

    StatusEndpoint(String host, int port, Supplier<Map<String, Object>> status) {
        try {
            server = HttpServer.create(host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port), 8);
        } catch (IOException e) {
            throw new OutputException("Cannot serve the status on port " + port + ": " + e.getMessage() + ". Give another --status-port.", e);
        }
        server.createContext("/", exchange -> {
            byte[] body;
            int code = 200;
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/") || path.equals("/status")) {
                body = (Json.write(status.get()) + "\n").getBytes(StandardCharsets.UTF_8);
            } else {
                code = 404;
                body = "{\"error\": \"not found: try /status\"}\n".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
