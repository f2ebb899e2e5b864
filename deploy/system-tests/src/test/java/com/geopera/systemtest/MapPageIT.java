package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job map page in Debian's headless chromium against the whole stack: a real clip of the sample DEM, its map
 * link from {@code processing.job.tile_info}, then the page opened twice by {@code browser/map-page.mjs} — once
 * with a basemap on loopback (and a colormap picked in the picker), once with that basemap gone, as offline. The
 * assertions read what a person would see: the tiles that arrived, the pixels of the screenshots (kept in
 * {@code target/browser/}), the words beside the map.
 */
class MapPageIT {
    private static final Duration BROWSER_RUN = Duration.ofSeconds(150);
    private static final String OTHER_COLORMAP = "viridis";
    /** Share of the map's pixels the output covers at least: the clip fills the map's height when it is fitted. */
    private static final double OUTPUT_SHARE = 0.15;

    private static final TestBasemap BASEMAP = TestBasemap.start();

    @RegisterExtension
    static final PerClassStack system = new PerClassStack(StackOptions.workers(1)
            .withApiEnv(Map.of("GEOPERA_MAP_BASEMAP_URL", BASEMAP.template())));

    private static JsonNode job;
    private static String mapUrl;
    /** The page with the basemap reachable, before and after picking {@link #OTHER_COLORMAP}. */
    private static JsonNode online;
    /** The page with the basemap unreachable. */
    private static JsonNode offline;

    @BeforeAll
    static void open_the_map_of_a_finished_clip_job(LocalStack stack, Jobs jobs) {
        String jobId = jobs.executeClip("file:elev.tif", Jobs.SMALL_AOI).path("job_id").asText();
        job = jobs.awaitEnd(jobId, Duration.ofSeconds(60));
        assertThat(job.path("status").asText()).as("the clip job").isEqualTo("succeeded");
        JsonNode info = stack.client().ok("processing.job.tile_info", Map.of("job_id", jobId));
        mapUrl = info.path("map").asText();
        assertThat(mapUrl).as("tile_info's map link").startsWith(stack.url() + "/v1/processing/jobs/" + jobId + "/map?");

        String out = BrowserScript.artefacts().toString();
        online = BrowserScript.run("map-page.mjs", "map-online", BROWSER_RUN, "--url", mapUrl, "--out", out,
                "--name", "online", "--colormap", OTHER_COLORMAP, "--basemap-colour", TestBasemap.COLOUR);
        BASEMAP.stop();
        offline = BrowserScript.run("map-page.mjs", "map-offline", BROWSER_RUN, "--url", mapUrl, "--out", out,
                "--name", "offline", "--basemap-colour", TestBasemap.COLOUR);
    }

    @AfterAll
    static void stop_the_basemap() {
        BASEMAP.stop();
    }

    @Test
    void the_map_page_loads_without_errors_and_every_tile_it_asks_for_arrives_as_an_image() {
        for (JsonNode run : List.of(online, offline)) {
            assertThat(run.path("page_status").asInt()).as(run.path("name").asText()).isEqualTo(200);
            assertThat(run.path("page_type").asText()).startsWith("text/html");
            assertThat(run.path("shown").asText()).as("map shown, no problem: %s", run.path("problem")).isEqualTo("map");
            assertThat(run.path("traffic").path("tilejson")).extracting(JsonNode::asInt).containsOnly(200);
            JsonNode tiles = run.path("initial").path("tiles");
            assertThat(tiles.path("total").asInt()).isPositive();
            assertThat(tiles.path("ok_images").asInt()).as("tiles answered 200 with an image: %s", tiles.path("not_ok"))
                    .isEqualTo(tiles.path("total").asInt());
            assertThat(run.path("traffic").path("same_origin_failed")).as("failed requests to the api").isEmpty();
            assertThat(run.path("page_errors")).as("uncaught script errors").isEmpty();
            assertThat(run.path("csp_violations")).as("Content-Security-Policy violations").isEmpty();
        }
    }

    @Test
    void the_screenshot_shows_the_output_over_the_basemap() {
        JsonNode census = online.path("initial").path("census");
        double pixels = census.path("pixels").asDouble();
        assertThat(census.path("data").asDouble() / pixels).as("share of output pixels in %s", census)
                .isGreaterThan(OUTPUT_SHARE);
        // A DEM in greys: many shades, not a flat fill.
        assertThat(census.path("colours").asInt()).isGreaterThan(30);
        assertThat(census.path("like").asDouble() / pixels).as("share of basemap pixels around the output")
                .isGreaterThan(0.05);
        assertThat(online.path("traffic").path("external_ok_images").asInt()).isPositive();
        assertThat(BASEMAP.tilesServed()).isPositive();
        assertThat(online.path("status").asText()).contains("Background: basemap.");
    }

    @Test
    void without_a_reachable_basemap_the_output_is_shown_on_a_plain_background_and_no_error() {
        JsonNode census = offline.path("initial").path("census");
        double pixels = census.path("pixels").asDouble();
        assertThat(offline.path("problem").isNull()).as("problem shown: %s", offline.path("problem")).isTrue();
        assertThat(offline.path("status").asText()).contains("Background: plain (the basemap cannot be reached).");
        assertThat(census.path("like").asInt()).as("basemap pixels").isZero();
        assertThat(census.path("background").asDouble() / pixels).as("plain background around the output")
                .isGreaterThan(0.05);
        assertThat(census.path("data").asDouble() / pixels).isGreaterThan(OUTPUT_SHARE);
        assertThat(offline.path("traffic").path("external_ok_images").asInt()).isZero();
    }

    @Test
    void the_job_status_and_billing_are_shown_beside_the_map() {
        JsonNode facts = online.path("job");
        JsonNode billing = job.path("billing");
        assertThat(facts.path("Status").asText()).isEqualTo("succeeded");
        assertThat(facts.path("Process").asText()).isEqualTo("clip");
        assertThat(facts.path("Billing").asText()).isEqualTo(billing.path("status").asText()).isEqualTo("settled");
        assertThat(facts.path("Charged").asText()).isEqualTo(credits(billing.path("charged_credits").asLong()));
        assertThat(facts.path("Reserved").asText()).isEqualTo(credits(billing.path("reserved_credits").asLong()));
    }

    @Test
    void picking_another_colormap_redraws_the_output_in_that_colormap() {
        JsonNode before = online.path("initial").path("census");
        JsonNode after = online.path("after_colormap");
        JsonNode tiles = after.path("tiles");
        assertThat(tiles.path("total").asInt()).as("tiles asked for after the change").isPositive();
        assertThat(tiles.path("ok_images").asInt()).isEqualTo(tiles.path("total").asInt());
        List<String> urls = new ArrayList<>();
        tiles.path("urls").forEach(u -> urls.add(u.asText()));
        assertThat(urls).allMatch(u -> u.contains("colormap=" + OTHER_COLORMAP), "carries colormap=" + OTHER_COLORMAP);
        assertThat(after.path("changed_share").asDouble()).as("share of pixels that changed")
                .isGreaterThan(OUTPUT_SHARE);
        // Greys before, the colours of viridis after.
        assertThat(before.path("grey").asDouble() / before.path("data").asDouble()).isGreaterThan(0.9);
        JsonNode now = after.path("census");
        assertThat(now.path("grey").asDouble() / now.path("data").asDouble()).isLessThan(0.2);
        assertThat(after.path("status").asText()).contains("in " + OTHER_COLORMAP);
    }

    @Test
    void every_control_has_a_label_and_the_picker_is_reached_with_the_keyboard() {
        assertThat(online.path("controls").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(online.path("unlabeled")).as("controls without a label").isEmpty();
        JsonNode tabs = online.path("tab_order");
        assertThat(tabs.get(tabs.size() - 1).asText()).as("Tab order %s", tabs).isEqualTo("colormap");
        assertThat(online.path("colormaps")).extracting(JsonNode::asText).contains("greys", OTHER_COLORMAP);
    }

    @Test
    void a_map_link_with_an_altered_or_missing_token_is_refused() throws Exception {
        String altered = mapUrl.replaceAll("(token=[^&]*?)(.)(&|$)", "$1" + "A" + "$3");
        if (altered.equals(mapUrl)) {
            altered = mapUrl.replaceAll("(token=[^&]*?)(.)(&|$)", "$1" + "B" + "$3");
        }
        HttpResponse<String> tampered = get(altered);
        assertThat(tampered.statusCode()).isIn(401, 403);
        assertThat(tampered.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(tampered.body()).doesNotContain("<html");
        HttpResponse<String> without = get(mapUrl.substring(0, mapUrl.indexOf('?')));
        assertThat(without.statusCode()).isEqualTo(401);
    }

    private static String credits(long amount) {
        return String.format(java.util.Locale.ENGLISH, "%,d credits", amount);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
