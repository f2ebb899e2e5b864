package com.geopera.systemtest;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A stand-in for an OpenStreetMap-style tile server on loopback: every {@code /{z}/{x}/{y}.png} is a 256×256 tile
 * of one colour, with CORS, so a test can tell basemap pixels from output pixels on a screenshot. {@link #stop()}
 * closes the port: the page then finds the basemap unreachable, as on a machine without network.
 */
final class TestBasemap {
    /** The tiles' colour, unlike any colour of the output ramps (greys, viridis). */
    static final String COLOUR = "#c8e6a0";
    private static final Pattern TILE = Pattern.compile("/\\d+/\\d+/\\d+\\.png");

    private final HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private TestBasemap(HttpServer server) {
        this.server = server;
    }

    static TestBasemap start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            TestBasemap basemap = new TestBasemap(server);
            byte[] tile = tile();
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
                    if (!TILE.matcher(exchange.getRequestURI().getPath()).matches()) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    basemap.served.incrementAndGet();
                    exchange.getResponseHeaders().set("Content-Type", "image/png");
                    exchange.sendResponseHeaders(200, tile.length);
                    try (OutputStream body = exchange.getResponseBody()) {
                        body.write(tile);
                    }
                }
            });
            server.start();
            return basemap;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The XYZ template to configure as {@code geopera.map.basemap-url}. */
    String template() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/{z}/{x}/{y}.png";
    }

    int tilesServed() {
        return served.get();
    }

    /** Closes the port (once; later calls do nothing). */
    void stop() {
        if (stopped.compareAndSet(false, true)) {
            server.stop(0);
        }
    }

    private static byte[] tile() throws IOException {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(Color.decode(COLOUR));
        graphics.fillRect(0, 0, 256, 256);
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}
