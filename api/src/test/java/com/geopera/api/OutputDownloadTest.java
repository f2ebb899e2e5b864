package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Output downloads read any Range without failing, are attachments of a media type we produce with nosniff, and the
 * links to them never come from the request's Host header.
 */
@QuarkusTest
class OutputDownloadTest {
    private static final String PAGE = "<html><script>alert(document.cookie)</script></html>";

    private Fixture org;
    private String jobId;
    private long sizeBytes;

    /** A succeeded job with a real raster output and an output a client registered as text/html. */
    @BeforeEach
    void succeededJob() throws Exception {
        org = Fixture.org(100_000);
        jobId = org.call("processing.execute", org.clipBody()).path("job_id");
        Map<String, Object> raster = OperationsTest.workerOutput(org, jobId, 1);
        Path page = RealServers.storageRoot.resolve(org.orgId).resolve(jobId).resolve("1").resolve("page.html");
        Files.writeString(page, PAGE);
        // The job is queued: registering it is the platform worker's (a customer key gets 409).
        Response registered = given().header("Authorization", "Bearer " + Fixture.platformWorkerKey())
                .contentType(ContentType.JSON).body(Map.of("job_id", jobId, "outputs", List.of(raster,
                        Map.of("name", "page.html", "href", page.toUri().toString(), "media_type", "text/html",
                                "size_bytes", Files.size(page)))))
                .post(Fixture.path("processing.job.register", false));
        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(200);
        sizeBytes = Files.size(RealServers.samples.resolve("elev.tif"));
    }

    private Response download(String name, String range) {
        var request = given().header("Authorization", "Bearer " + org.apiKey).urlEncodingEnabled(true);
        if (range != null) {
            request.header("Range", range);
        }
        return request.get("/v1/processing/jobs/{job}/outputs/{name}", jobId, name);
    }

    @Test
    void a_twenty_digit_range_is_a_416_not_a_500() {
        for (String range : List.of("bytes=99999999999999999999-", "bytes=99999999999999999999-99999999999999999999",
                "bytes=" + sizeBytes + "-", "bytes=-0", "bytes=5-2", "bytes=garbage", "bytes=--1", "bytes=1-2-3",
                "bytes", "bytes=-")) {
            Response response = download("result", range);
            assertThat(response.statusCode()).as(range + " " + response.asString()).isEqualTo(416);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.<String>path("code")).isEqualTo("range_not_satisfiable");
            assertThat(response.<Number>path("size_bytes").longValue()).isEqualTo(sizeBytes);
        }
    }

    @Test
    void ranges_of_any_length_are_read_as_rfc_9110_says() {
        Response tail = download("result", "bytes=10-99999999999999999999");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.header("Content-Range")).isEqualTo("bytes 10-" + (sizeBytes - 1) + "/" + sizeBytes);
        assertThat(tail.asByteArray()).hasSize((int) sizeBytes - 10);

        Response suffix = download("result", "bytes=-99999999999999999999");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.asByteArray()).hasSize((int) sizeBytes);
        Response last = download("result", "bytes=-5");
        assertThat(last.statusCode()).isEqualTo(206);
        assertThat(last.header("Content-Range")).isEqualTo("bytes " + (sizeBytes - 5) + "-" + (sizeBytes - 1) + "/" + sizeBytes);

        // Several ranges or another unit: the whole file, which RFC 9110 allows instead of a multipart answer.
        for (String range : List.of("bytes=0-1,5-9", "items=0-5", "bytes=0-1, -5")) {
            Response whole = download("result", range);
            assertThat(whole.statusCode()).as(range).isEqualTo(200);
            assertThat(whole.asByteArray()).hasSize((int) sizeBytes);
        }
    }

    @Test
    void downloads_are_nosniff_attachments_of_a_media_type_we_produce() {
        Response raster = download("result", null);
        assertThat(raster.statusCode()).isEqualTo(200);
        assertThat(raster.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(raster.contentType()).isEqualTo("image/tiff; application=geotiff; profile=cloud-optimized");
        assertThat(raster.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + jobId + "-result.tif\"");

        Response page = download("page.html", null);
        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("application/octet-stream");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + jobId + "-page.html\"");
        assertThat(page.asString()).isEqualTo(PAGE);

        Response part = download("page.html", "bytes=0-4");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.contentType()).isEqualTo("application/octet-stream");
        assertThat(part.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void links_are_built_from_the_configured_public_url_never_from_the_host_header() {
        for (String host : List.of("evil.example", "evil.example:666")) {
            Response job = given().header("Authorization", "Bearer " + org.apiKey).header("Host", host)
                    .contentType("application/json").body(Map.of("job_id", jobId)).post("/v1/op/processing.job.get");
            assertThat(job.statusCode()).isEqualTo(200);
            String href = job.path("outputs[0].href");
            assertThat(href).doesNotContain("evil").startsWith("http://127.0.0.1:")
                    .endsWith("/v1/processing/jobs/" + jobId + "/outputs/result");
            Response tiles = given().header("Authorization", "Bearer " + org.apiKey).header("Host", host)
                    .contentType("application/json").body(Map.of("job_id", jobId)).post("/v1/op/processing.job.tile_info");
            assertThat(tiles.<List<String>>path("tiles").get(0)).doesNotContain("evil").startsWith("http://127.0.0.1:");
            Response list = given().header("Authorization", "Bearer " + org.apiKey).header("X-Forwarded-Host", host)
                    .contentType("application/json").body("{}").post("/v1/op/processing.jobs.list");
            assertThat(list.<String>path("jobs[0].outputs[0].href")).doesNotContain("evil").startsWith("http://127.0.0.1:");
        }
        // The link really reaches the api that made it.
        String href = org.call("processing.job.get", Map.of("job_id", jobId)).path("outputs[0].href");
        assertThat(given().header("Authorization", "Bearer " + org.apiKey).get(href).statusCode()).isEqualTo(200);
    }
}
