package com.geopera.imagery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 only that serves byte arrays with range requests, answers redirects, and counts the
 * requests each path received, so a test can tell whether anything was fetched at all.
 */
final class LocalHttpServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    LocalHttpServer file(String path, byte[] bytes) {
        files.put(path, bytes);
        return this;
    }

    LocalHttpServer redirect(String path, String location) {
        redirects.put(path, location);
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://<host>:<port><path>} of this server. */
    String url(String host, String path) {
        return "http://" + host + ":" + port() + path;
    }

    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    int totalHits() {
        return hits.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String location = redirects.get(path);
        if (location != null) {
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        byte[] body = files.get(path);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().add("Accept-Ranges", "bytes");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        int from = 0;
        int to = body.length - 1;
        int status = 200;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            if (m.matches()) {
                from = Integer.parseInt(m.group(1));
                to = m.group(2).isEmpty() ? to : Math.min(to, Integer.parseInt(m.group(2)));
                status = 206;
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
            }
        }
        ex.sendResponseHeaders(status, to - from + 1);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body, from, to - from + 1);
        }
    }
}
