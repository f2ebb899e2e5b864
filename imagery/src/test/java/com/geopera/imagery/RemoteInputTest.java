package com.geopera.imagery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import com.geopera.ledger.billing.CostModel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http(s):// inputs read through /vsicurl/ from a local server that answers range requests. */
class RemoteInputTest {
    @TempDir
    Path tmp;

    private LocalHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new LocalHttpServer().file("/data/elev.tif",
                Files.readAllBytes(TestRasters.samples().resolve("elev.tif")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImageryEngine engine() {
        // the test server listens on loopback, which production refuses
        return new ImageryEngine(new ImageryConfig(List.of(TestRasters.samples()), List.of("127.0.0.1"),
                Duration.ofSeconds(10), 0, CostModel.defaults(), Duration.ofMinutes(5), true));
    }

    private String url(String path) {
        return server.url("127.0.0.1", path);
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
        String otherHost = server.url("localhost", "/data/elev.tif");
        assertThat(engine.validate("cog", TestRasters.json("{'image':'" + otherHost + "'}")))
                .extracting(ValidationProblem::code).containsExactly(InputErrorCodes.HOST_NOT_ALLOWED);
    }
}
