package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.common.json.Json;
import com.geopera.common.process.JobOutput;
import com.geopera.imagery.ImageryEngine;
import com.geopera.imagery.RunRequest;
import com.geopera.imagery.RunResult;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The job map page as the api serves it: linked from tile_info, authorized like the tiles, with a strict
 * Content-Security-Policy, and its script, styles and MapLibre worker served from the api jar with JavaScript and
 * CSS media types (a module worker of another type does not start). What the page shows in a browser is MapPageIT's.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapPageServingTest {
    private static final Pattern SCRIPT = Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"></script>");
    private static final Pattern STYLE = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]+)\">");
    private static final Pattern WORKER = Pattern.compile("\\.\\./shared/maplibre-gl-worker-[0-9a-f]+\\.js");

    @Inject
    ImageryEngine engine;

    private Fixture org;
    private String jobId;
    private String otherJobId;

    @BeforeEach
    void clipTheSampleOnce() throws Exception {
        if (jobId != null) {
            return;
        }
        org = Fixture.org(1_000_000);
        jobId = succeededClip();
        otherJobId = succeededClip();
    }

    /** A clip run by the real engine and registered as a worker would. */
    private String succeededClip() throws Exception {
        Map<String, Object> inputs = Fixture.clipInputs();
        Response created = org.call("processing.execute", Map.of("process_id", "clip", "workspaceId",
                org.workspaceId, "inputs", inputs));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String id = created.path("job_id");
        Path dir = RealServers.storageRoot.resolve(org.orgId).resolve(id).resolve("1");
        RunResult result = engine.run(new RunRequest(id, 1, "clip", Json.mapper().valueToTree(inputs), dir), null,
                null);
        List<Object> outputs = new ArrayList<>();
        for (JobOutput output : result.outputs()) {
            outputs.add(Json.mapper().convertValue(output, Map.class));
        }
        Response registered = given().header("Authorization", "Bearer " + Fixture.platformWorkerKey())
                .contentType(ContentType.JSON).body(Map.of("job_id", id, "outputs", outputs,
                        "usage", Map.of("credits", result.usage().credits())))
                .post(Fixture.path("processing.job.register", false));
        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(200);
        return id;
    }

    private String mapUrl(String job) {
        Response info = org.call("processing.job.tile_info", Map.of("job_id", job));
        assertThat(info.statusCode()).as(info.asString()).isEqualTo(200);
        return info.path("map");
    }

    private static Response get(String url) {
        return given().urlEncodingEnabled(false).redirects().follow(false).get(url);
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in %s", pattern, text.length() > 2000 ? text.substring(0, 2000) : text).isTrue();
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }

    @Test
    void tile_info_links_the_map_page_with_the_same_token_as_its_tiles() {
        Response info = org.call("processing.job.tile_info", Map.of("job_id", jobId));
        String map = info.path("map");
        String tiles = info.<List<String>>path("tiles").get(0);
        assertThat(map).endsWith("/v1/processing/jobs/" + jobId + "/map" + tiles.substring(tiles.indexOf('?')));
        assertThat(map).contains("?token=");
    }

    @Test
    void the_page_is_served_with_its_token_as_html_that_no_one_caches_and_no_other_site_frames() {
        Response page = get(mapUrl(jobId));

        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self';", "style-src 'self';",
                "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'");
        // Tiles and TileJSON from the api, basemap tiles from the configured basemap, nothing else.
        assertThat(csp).containsPattern("connect-src 'self' http://[^ ;]+ https://tile\\.openstreetmap\\.org;");
        assertThat(page.asString()).contains("<meta name=\"geopera-basemap-url\" "
                + "content=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\">");
        assertThat(page.asString().replaceAll("<script type=\"module\" src=\"[^\"]+\"></script>", ""))
                .doesNotContain("<script");
    }

    @Test
    void the_script_styles_and_map_worker_of_the_page_are_served_from_the_api_as_javascript_and_css() {
        String pageUrl = mapUrl(jobId);
        String html = get(pageUrl).asString();
        URI page = URI.create(pageUrl);

        URI script = page.resolve(find(SCRIPT, html));
        Response js = get(script.toString());
        assertThat(script.getPath()).startsWith("/ui/map/map-").endsWith(".js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.contentType()).matches("(text|application)/javascript.*");
        assertThat(js.asString()).contains("maplibre");

        Response css = get(page.resolve(find(STYLE, html)).toString());
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(css.asString()).contains(".maplibregl-map");

        Response worker = get(script.resolve(find(WORKER, js.asString())).toString());
        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.contentType()).matches("(text|application)/javascript.*");
    }

    @Test
    void the_page_refuses_a_missing_or_altered_token_another_jobs_token_and_another_orgs_job() {
        String url = mapUrl(jobId);
        String token = url.substring(url.indexOf("token=") + "token=".length()).split("&")[0];
        String base = url.substring(0, url.indexOf('?'));
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        Response missing = get(base);
        Response tampered = get(base + "?token=" + altered);
        Response otherJob = get(base.replace(jobId, otherJobId) + "?token=" + token);
        Fixture stranger = Fixture.org(10);
        Response otherOrg = given().header("Authorization", "Bearer " + stranger.apiKey).get(base);

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.<String>path("code")).isEqualTo("tile_token_invalid");
        assertThat(otherJob.statusCode()).isEqualTo(403);
        assertThat(otherOrg.statusCode()).isEqualTo(404);
        for (Response refused : List.of(missing, tampered, otherJob, otherOrg)) {
            assertThat(refused.asString()).doesNotContain("<html");
        }
    }

    @Test
    void a_bearer_key_with_clip_read_opens_the_page_too() {
        String url = mapUrl(jobId);
        Response page = given().header("Authorization", "Bearer " + org.apiKey).get(url.substring(0, url.indexOf('?')));
        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
    }
}
