package com.geopera.imagery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http(s):// inputs read through /vsicurl/ from a local server that answers range requests. */
class RemoteInputTest {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    @TempDir
    Path tmp;

    private HttpServer server;
    private byte[] elev;

    @BeforeEach
    void start() throws IOException {
        elev = Files.readAllBytes(TestRasters.samples().resolve("elev.tif"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals("/data/elev.tif")) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().add("Accept-Ranges", "bytes");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().add("Content-Length", Integer.toString(elev.length));
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        int to = elev.length - 1;
        int status = 200;
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            if (m.matches()) {
                from = Integer.parseInt(m.group(1));
                to = m.group(2).isEmpty() ? to : Math.min(to, Integer.parseInt(m.group(2)));
                status = 206;
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + elev.length);
            }
        }
        ex.sendResponseHeaders(status, to - from + 1);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(elev, from, to - from + 1);
        }
    }

    private ImageryEngine engine() {
        // the test server listens on loopback, which production refuses
        return new ImageryEngine(new ImageryConfig(List.of(TestRasters.samples()), List.of("127.0.0.1"),
                Duration.ofSeconds(10), 0, CostModel.defaults(), Duration.ofMinutes(5), true));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void an_image_on_an_allowed_host_is_validated_and_clipped_through_vsicurl() {
        ImageryEngine engine = engine();
        String inputs = "{'image':'" + url("/data/elev.tif") + "','aoi':" + TestRasters.box(5.9, 49.6, 6.3, 50.0) + "}";
        assertThat(engine.validate("clip", TestRasters.json(inputs))).isEmpty();
        RunResult r = engine.run(new RunRequest("job_http", 1, "clip", TestRasters.json(inputs), tmp.resolve("out")),
                ProgressListener.NONE, CancellationToken.NEVER);
        Path out = Path.of(URI.create(r.outputs().get(0).href()));
        assertThat(r.outputs().get(0).metadata()).containsEntry("width", 48).containsEntry("crs", "EPSG:4326");
        assertThat(Files.exists(out)).isTrue();
    }

    @Test
    void a_missing_remote_image_and_a_host_not_allowed_are_named() {
        ImageryEngine engine = engine();
        List<ValidationProblem> missing = engine.validate("cog", TestRasters.json("{'image':'" + url("/nope.tif") + "'}"));
        assertThat(missing).extracting(ValidationProblem::code, ValidationProblem::pointer)
                .containsExactly(tuple(InputErrorCodes.INPUT_NOT_FOUND, "/inputs/image"));
        String otherHost = "http://localhost:" + server.getAddress().getPort() + "/data/elev.tif";
        assertThat(engine.validate("cog", TestRasters.json("{'image':'" + otherHost + "'}")))
                .extracting(ValidationProblem::code).containsExactly(InputErrorCodes.HOST_NOT_ALLOWED);
    }
}
