package com.geopera.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile image inputs through the HTTP operations: estimate and execute answer 422 problems with a stable code per
 * input and none of GDAL's or the network's words, and execute stores nothing (no job, no hold).
 */
@QuarkusTest
@QuarkusTestResource(RealServers.class)
class UntrustedInputsTest {
    private static final String SERVER_TEXT = "answer-from-the-server-4711";

    private static HttpServer server;
    private static final AtomicInteger REDIRECT_TARGET_HITS = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/garbage.tif", ex -> {
            byte[] body = SERVER_TEXT.getBytes();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/moved.tif", ex -> {
            ex.getResponseHeaders().add("Location", "http://localhost:" + port() + "/target.tif");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/target.tif", ex -> {
            REDIRECT_TARGET_HITS.incrementAndGet();
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static int port() {
        return server.getAddress().getPort();
    }

    @Test
    void estimate_and_execute_refuse_hostile_images_with_a_stable_code_no_gdal_text_and_nothing_stored() throws Exception {
        Files.writeString(RealServers.untrustedInputs.resolve("escape.vrt"), "<VRTDataset rasterXSize=\"48\" "
                + "rasterYSize=\"48\"><VRTRasterBand dataType=\"Int16\" band=\"1\"><SimpleSource><SourceFilename>"
                + RealServers.samples.resolve("elev.tif") + "</SourceFilename><SourceBand>1</SourceBand></SimpleSource>"
                + "</VRTRasterBand></VRTDataset>");
        Map<String, String> expected = Map.of(
                RealServers.untrustedInputs.resolve("escape.vrt").toUri().toString(), "not_a_raster",
                "http://169.254.169.254/latest/meta-data/iam.tif", "host_not_allowed",
                "http://127.0.0.1:" + port() + "/garbage.tif", "input_unreadable",
                "http://127.0.0.1:" + port() + "/moved.tif", "input_unreadable");
        Fixture org = Fixture.org(1_000);

        for (Map.Entry<String, String> input : expected.entrySet()) {
            Map<String, Object> inputs = Map.of("image", input.getKey(), "aoi", Fixture.clipInputs().get("aoi"));
            Map<String, Object> body = Map.of("process_id", "clip", "workspaceId", org.workspaceId, "inputs", inputs);
            for (String operation : List.of("processing.catalog.estimate", "processing.execute")) {
                Response r = org.call(operation, body);
                assertThat(r.statusCode()).as(operation + " " + input.getKey()).isEqualTo(422);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.<String>path("code")).isEqualTo("validation_failed");
                assertThat(r.<List<String>>path("errors.code")).as(operation + " " + input.getKey())
                        .containsExactly(input.getValue());
                assertThat(r.<List<String>>path("errors.pointer")).containsExactly("/inputs/image");
                assertThat(r.asString()).as(operation + " " + input.getKey())
                        .doesNotContain("recognized", "vsicurl", "curl", SERVER_TEXT, "localhost", "target.tif",
                                ":" + port(), RealServers.samples.toString());
            }
        }

        assertThat(REDIRECT_TARGET_HITS.get()).as("requests that followed the redirect").isZero();
        assertThat(org.call("processing.jobs.list", Map.of("include", "total")).<Integer>path("total")).isZero();
        Response balance = Fixture.admin("admin.credits.balance", Map.of("org_id", org.orgId));
        assertThat(balance.<Integer>path("pending")).isZero();
        assertThat(balance.<Integer>path("available")).isEqualTo(1_000);
    }
}
