package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.api.service.DrawnImages;
import com.geopera.common.json.Json;
import com.geopera.common.process.JobOutput;
import com.geopera.imagery.ImageryEngine;
import com.geopera.imagery.RunRequest;
import com.geopera.imagery.RunResult;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tiles, TileJSON and previews of real outputs: every process is run by the real imagery engine on the real samples
 * (the Luxembourg DEM and a Landsat 7 ETM+ scene of Olinda), the outputs are registered as a worker would, and the
 * tiles are fetched as a web map would, with the signed token of tile_info. Pixels are checked, not only statuses.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapTilesTest {
    @Inject
    ImageryEngine engine;
    @Inject
    ShiftableClock clock;
    @Inject
    DrawnImages drawn;

    private Fixture org;
    private final Map<String, String> jobs = new LinkedHashMap<>();

    /** Once per class, in the first test's set-up (RestAssured knows the app's port only from then on). */
    @BeforeEach
    void runEveryProcessOnRealImagery() throws Exception {
        if (!jobs.isEmpty()) {
            return;
        }
        org = Fixture.org(1_000_000);
        String dem = RealServers.samples.resolve("elev.tif").toUri().toString();
        String landsat = RealServers.samples.resolve("L7_ETMs.tif").toUri().toString();
        jobs.put("clip", succeeded("clip", Fixture.clipInputs()));
        jobs.put("hillshade", succeeded("hillshade", Map.of("image", dem)));
        jobs.put("reproject", succeeded("reproject", Map.of("image", dem, "target_crs", "EPSG:3857")));
        jobs.put("cog", succeeded("cog", Map.of("image", landsat)));
        jobs.put("ndvi", succeeded("ndvi", Map.of("image", landsat, "red_band", 3, "nir_band", 4)));
        jobs.put("bathymetry", succeeded("bathymetry", Map.of("image", landsat, "blue_band", 1, "green_band", 2,
                "nir_band", 4, "m0", 60, "m1", 70)));
    }

    @AfterEach
    void restoreClock() {
        clock.reset();
    }

    /** Executes the job, runs it with the real engine into its storage directory and registers what it wrote. */
    private String succeeded(String processId, Map<String, Object> inputs) throws Exception {
        Response created = org.call("processing.execute", Map.of("process_id", processId, "workspaceId",
                org.workspaceId, "inputs", inputs));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String jobId = created.path("job_id");
        Path dir = RealServers.storageRoot.resolve(org.orgId).resolve(jobId).resolve("1");
        RunResult result = engine.run(new RunRequest(jobId, 1, processId, Json.mapper().valueToTree(inputs), dir),
                null, null);
        List<Object> outputs = new ArrayList<>();
        for (JobOutput output : result.outputs()) {
            outputs.add(Json.mapper().convertValue(output, Map.class));
        }
        Response registered = given().header("Authorization", "Bearer " + Fixture.platformWorkerKey())
                .contentType(ContentType.JSON).body(Map.of("job_id", jobId, "outputs", outputs,
                        "usage", Map.of("credits", result.usage().credits())))
                .post(Fixture.path("processing.job.register", false));
        assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(200);
        return jobId;
    }

    private Response tileInfo(String process) {
        Response info = org.call("processing.job.tile_info", Map.of("job_id", jobs.get(process)));
        assertThat(info.statusCode()).as(info.asString()).isEqualTo(200);
        return info;
    }

    /** The tile URL of tile_info with {z}/{x}/{y} filled in for the tile holding (lon, lat) at zoom z. */
    private static String tileUrl(Response info, double lon, double lat, int z) {
        int[] xy = tileOf(lon, lat, z);
        return info.<List<String>>path("tiles").get(0).replace("{z}", Integer.toString(z))
                .replace("{x}", Integer.toString(xy[0])).replace("{y}", Integer.toString(xy[1]));
    }

    private static int[] tileOf(double lon, double lat, int z) {
        double n = Math.pow(2, z);
        double rad = Math.toRadians(lat);
        int x = (int) Math.floor((lon + 180) / 360 * n);
        int y = (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n);
        return new int[] {x, y};
    }

    private static List<Double> center(Response info) {
        return info.<List<Number>>path("center").stream().map(Number::doubleValue).toList();
    }

    /** The tile over the output's centre at its max zoom − 1, fetched with the token only. */
    private static Response centreTile(Response info, String extra) {
        List<Double> c = center(info);
        String url = tileUrl(info, c.get(0), c.get(1), info.<Integer>path("maxzoom") - 1) + extra;
        return given().urlEncodingEnabled(false).get(url);
    }

    private static BufferedImage image(Response response) throws IOException {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.asByteArray()));
        assertThat(image).as("a decodable image").isNotNull();
        return image;
    }

    private static int opaque(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) == 255) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int transparent(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) == 0) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void every_process_output_draws_a_tile_with_data_where_the_output_has_data() throws Exception {
        for (String process : jobs.keySet()) {
            Response info = tileInfo(process);
            // Two zooms past native, the centre tile lies inside even the smallest output (the 36-pixel clip).
            List<Double> c = center(info);
            BufferedImage tile = image(given().urlEncodingEnabled(false)
                    .get(tileUrl(info, c.get(0), c.get(1), info.<Integer>path("maxzoom") + 2)));
            assertThat(tile.getWidth()).as(process).isEqualTo(256);
            assertThat(opaque(tile)).as(process + ": opaque pixels of the centre tile").isGreaterThan(256 * 256 / 4);
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < 256; y += 4) {
                for (int x = 0; x < 256; x += 4) {
                    colours.add(tile.getRGB(x, y));
                }
            }
            assertThat(colours.size()).as(process + ": distinct colours, not a flat fill").isGreaterThan(8);
        }
    }

    @Test
    void nodata_is_transparent_and_data_beside_it_is_drawn() throws Exception {
        // Bathymetry masks land (NDWI) as nodata: the Olinda scene is part sea, part town.
        Response info = tileInfo("bathymetry");
        List<Double> c = center(info);
        int z = info.<Integer>path("minzoom") + 1;
        BufferedImage tile = image(given().urlEncodingEnabled(false).get(tileUrl(info, c.get(0), c.get(1), z)));
        assertThat(opaque(tile)).as("sea pixels drawn").isGreaterThan(1000);
        assertThat(transparent(tile)).as("land and outside pixels transparent").isGreaterThan(1000);
        // The clip's pixels outside its AOI, and the DEM's outside Luxembourg, are nodata too.
        Response clip = tileInfo("clip");
        BufferedImage whole = image(given().urlEncodingEnabled(false).get(tileUrl(clip, 6.05, 49.75, 8)));
        assertThat(opaque(whole)).isGreaterThan(0);
        assertThat(transparent(whole)).isGreaterThan(opaque(whole));
    }

    @Test
    void a_tile_outside_the_output_or_its_zoom_range_is_an_empty_transparent_tile() throws Exception {
        Response info = tileInfo("clip");
        for (String url : List.of(tileUrl(info, -120, 40, 10), tileUrl(info, 6.05, 49.75, 30),
                info.<List<String>>path("tiles").get(0).replace("{z}", "3").replace("{x}", "99").replace("{y}", "0"))) {
            Response response = given().urlEncodingEnabled(false).get(url);
            BufferedImage tile = image(response);
            assertThat(response.header("X-Tile-Empty")).isEqualTo("true");
            assertThat(transparent(tile)).as(url).isEqualTo(256 * 256);
        }
    }

    @Test
    void the_same_tile_twice_is_byte_identical_with_the_same_etag_and_a_revalidation_is_a_304() {
        Response info = tileInfo("cog");
        Response first = centreTile(info, "");
        Response second = centreTile(info, "");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.asByteArray()).isEqualTo(first.asByteArray());
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"").isEqualTo(second.header("ETag"));
        assertThat(first.header("Cache-Control")).contains("max-age=86400").contains("immutable");
        assertThat(first.header("Access-Control-Allow-Origin")).isEqualTo("*");

        List<Double> c = center(info);
        String url = tileUrl(info, c.get(0), c.get(1), info.<Integer>path("maxzoom") - 1);
        Response revalidated = given().urlEncodingEnabled(false).header("If-None-Match", etag).get(url);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.asByteArray()).isEmpty();
        assertThat(revalidated.header("ETag")).isEqualTo(etag);

        Response other = given().urlEncodingEnabled(false).header("If-None-Match", etag).get(url + "&bidx=4,3,2");
        assertThat(other.statusCode()).as("other parameters are another image").isEqualTo(200);
        assertThat(other.header("ETag")).isNotEqualTo(etag);
    }

    @Test
    void a_drawn_tile_is_kept_and_the_next_request_for_it_is_answered_from_memory_with_the_same_bytes() {
        Response info = tileInfo("cog");
        String parameters = "&rescale=3,251&bidx=1,2,3";
        long keptBefore = drawn.size();

        Response first = centreTile(info, parameters);
        long keptAfterFirst = drawn.size();
        Response second = centreTile(info, parameters);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(keptAfterFirst).isEqualTo(keptBefore + 1);
        assertThat(drawn.size()).as("the second request drew nothing new").isEqualTo(keptAfterFirst);
        assertThat(second.asByteArray()).isEqualTo(first.asByteArray());
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
    }

    @Test
    void bidx_picks_the_bands_drawn_as_red_green_and_blue() throws Exception {
        Response info = tileInfo("cog");
        BufferedImage natural = image(centreTile(info, "&bidx=3,2,1&rescale=0,255"));
        BufferedImage falseColour = image(centreTile(info, "&bidx=4,3,2&rescale=0,255"));
        BufferedImage nir = image(centreTile(info, "&bidx=4&rescale=0,255"));
        BufferedImage red = image(centreTile(info, "&bidx=3&rescale=0,255"));
        int differing = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int fc = falseColour.getRGB(x, y);
                int nc = natural.getRGB(x, y);
                if ((fc >>> 24) == 0) {
                    continue;
                }
                // 4,3,2: red is band 4 (the NIR grey tile), green is band 3 (natural colour's red).
                assertThat((fc >> 16) & 0xff).isEqualTo(nir.getRGB(x, y) & 0xff);
                assertThat((fc >> 8) & 0xff).isEqualTo((nc >> 16) & 0xff);
                assertThat((red.getRGB(x, y) >> 8) & 0xff).isEqualTo((nc >> 16) & 0xff);
                if (fc != nc) {
                    differing++;
                }
            }
        }
        assertThat(differing).isGreaterThan(256 * 256 / 2);
    }

    @Test
    void rescale_maps_its_range_to_black_and_white() throws Exception {
        Response info = tileInfo("cog");
        BufferedImage wide = image(centreTile(info, "&bidx=4&rescale=0,255"));
        BufferedImage narrow = image(centreTile(info, "&bidx=4&rescale=0,60"));
        for (int y = 0; y < 256; y += 3) {
            for (int x = 0; x < 256; x += 3) {
                int value = wide.getRGB(x, y) & 0xff;
                int stretched = narrow.getRGB(x, y) & 0xff;
                if ((wide.getRGB(x, y) >>> 24) == 0) {
                    continue;
                }
                int expected = value >= 60 ? 255 : (int) Math.round(value * 255 / 60.0);
                assertThat(Math.abs(stretched - expected)).as("pixel %d,%d value %d", x, y, value).isLessThanOrEqualTo(5);
            }
        }
    }

    @Test
    void a_colormap_draws_one_band_with_its_colours() throws Exception {
        Response info = tileInfo("ndvi");
        assertThat(info.<String>path("default_render.colormap")).isEqualTo("rdylgn");
        assertThat(info.<List<Float>>path("default_render.rescale[0]")).containsExactly(-1f, 1f);
        BufferedImage grey = image(centreTile(info, "&colormap=greys"));
        BufferedImage ramp = image(centreTile(info, ""));
        BufferedImage viridis = image(centreTile(info, "&colormap=viridis"));
        int coloured = 0;
        int greener = 0;
        for (int y = 0; y < 256; y += 2) {
            for (int x = 0; x < 256; x += 2) {
                int g = grey.getRGB(x, y);
                if ((g >>> 24) == 0) {
                    continue;
                }
                assertThat((g >> 16) & 0xff).isEqualTo((g >> 8) & 0xff).isEqualTo(g & 0xff);
                int r = ramp.getRGB(x, y);
                if (((r >> 16) & 0xff) != (r & 0xff)) {
                    coloured++;
                }
                // Above NDVI 0.3 (grey > 166) the red–yellow–green ramp is green-dominant.
                if ((g & 0xff) > 166 && ((r >> 8) & 0xff) > ((r >> 16) & 0xff)) {
                    greener++;
                }
                assertThat(viridis.getRGB(x, y)).isNotEqualTo(r);
            }
        }
        assertThat(coloured).isGreaterThan(1000);
        assertThat(greener).as("vegetation drawn green").isGreaterThan(0);
    }

    @Test
    void bad_parameters_are_one_422_listing_each() {
        Response info = tileInfo("cog");
        String url = info.<List<String>>path("tiles").get(0).replace("{z}", "ten").replace("{x}", "1").replace("{y}", "2")
                .replace(".png", ".gif") + "&bidx=9&rescale=a,b&colormap=nope&tilesize=300&resampling=lanczos";
        Response bad = given().urlEncodingEnabled(false).get(url);
        assertThat(bad.statusCode()).as(bad.asString()).isEqualTo(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.<String>path("code")).isEqualTo("validation_failed");
        assertThat(bad.<List<String>>path("errors.pointer")).containsExactlyInAnyOrder("/path/z", "/path/format",
                "/query/bidx", "/query/rescale", "/query/colormap", "/query/tilesize", "/query/resampling");
        assertThat(bad.header("Access-Control-Allow-Origin")).isEqualTo("*");

        Response threeBandsOneColormap = centreTile(info, "&bidx=1,2,3&colormap=viridis&rescale=1,2&rescale=1,2");
        assertThat(threeBandsOneColormap.statusCode()).isEqualTo(422);
        assertThat(threeBandsOneColormap.<List<String>>path("errors.pointer"))
                .containsExactlyInAnyOrder("/query/colormap", "/query/rescale");
    }

    @Test
    void tokens_expired_or_altered_are_refused_and_other_orgs_jobs_are_not_found() {
        Response info = tileInfo("hillshade");
        List<Double> c = center(info);
        String url = tileUrl(info, c.get(0), c.get(1), info.<Integer>path("maxzoom"));
        String token = url.substring(url.indexOf("token=") + 6);
        String base = url.substring(0, url.indexOf('?'));
        assertThat(given().urlEncodingEnabled(false).get(url).statusCode()).isEqualTo(200);

        String[] parts = token.split("\\.");
        String laterExpiry = (Long.parseLong(parts[0]) + 86_400) + "." + parts[1] + "." + parts[2];
        String otherSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10)
                + (parts[2].charAt(10) == 'A' ? 'B' : 'A') + parts[2].substring(11);
        // The signature's last character carries two bits base64url decoders ignore: flipping one keeps the bytes.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(parts[2].charAt(parts[2].length() - 1));
        String sameBytesOtherSpelling = parts[0] + "." + parts[1] + "."
                + parts[2].substring(0, parts[2].length() - 1) + alphabet.charAt(last ^ 1);
        assertThat(java.util.Base64.getUrlDecoder().decode(sameBytesOtherSpelling.split("\\.")[2]))
                .as("the other spelling decodes to the same signature").isEqualTo(
                        java.util.Base64.getUrlDecoder().decode(parts[2]));
        for (String altered : List.of(laterExpiry, otherSignature, sameBytesOtherSpelling, "garbage",
                parts[0] + "." + parts[1])) {
            Response refused = given().urlEncodingEnabled(false).get(base + "?token=" + altered);
            assertThat(refused.statusCode()).as(altered).isEqualTo(403);
            assertThat(refused.<String>path("code")).isEqualTo("tile_token_invalid");
        }
        // A token of one job does not open another job of the same org.
        String ndvi = tileInfo("ndvi").<List<String>>path("tiles").get(0);
        String ndviTile = ndvi.substring(0, ndvi.indexOf("/tiles/")) + "/tiles/1/1/1.png?token=" + token;
        assertThat(given().urlEncodingEnabled(false).get(ndviTile).<String>path("code")).isEqualTo("tile_token_invalid");

        clock.advance(Duration.ofHours(2));
        Response expired = given().urlEncodingEnabled(false).get(url);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.<String>path("code")).isEqualTo("tile_token_expired");
        clock.reset();

        assertThat(given().get(base).statusCode()).as("no token, no header").isEqualTo(401);
        Fixture other = Fixture.org(0);
        Response foreign = given().header("Authorization", "Bearer " + other.apiKey).get(base);
        assertThat(foreign.statusCode()).isEqualTo(404);
        Response foreignInfo = other.call("processing.job.tile_info", Map.of("job_id", jobs.get("hillshade")));
        assertThat(foreignInfo.statusCode()).isEqualTo(404);
        String readOnly = org.key(List.of("processing:read")).path("api_key");
        assertThat(given().header("Authorization", "Bearer " + readOnly).get(base).statusCode()).isEqualTo(403);
        Response bearer = given().header("Authorization", "Bearer " + org.apiKey).get(base);
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(bearer.asByteArray()).isEqualTo(given().urlEncodingEnabled(false).get(url).asByteArray());
    }

    @Test
    void tilejson_has_the_statistics_the_imagery_module_writes_and_loads_with_the_token_alone() {
        Response info = tileInfo("bathymetry");
        assertThat(info.<String>path("tilejson")).isEqualTo("3.0.0");
        assertThat(info.<Map<String, Object>>path("bands[0].statistics")).containsKeys("minimum", "maximum", "mean",
                "stddev", "percentile_2", "percentile_98");
        assertThat(info.<List<String>>path("colormaps")).contains("depth", "rdylgn", "greys", "viridis");
        assertThat(info.<String>path("default_render.colormap")).isEqualTo("depth");
        assertThat(info.<String>path("job.status")).isEqualTo("succeeded");
        assertThat(info.<String>path("job.process_id")).isEqualTo("bathymetry");
        assertThat(info.<String>path("job.billing.status")).isEqualTo("settled");
        List<Float> bounds = info.path("bounds");
        assertThat(bounds.get(0)).isBetween(-35f, -34f);
        assertThat(info.<Integer>path("minzoom")).isLessThan(info.<Integer>path("maxzoom"));
        assertThat(info.<Integer>path("maxzoom")).isBetween(12, 13);

        Response fromUrl = given().urlEncodingEnabled(false).get(info.<String>path("tilejson_url") + "&bidx=1&colormap=viridis");
        assertThat(fromUrl.statusCode()).as(fromUrl.asString()).isEqualTo(200);
        assertThat(fromUrl.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(fromUrl.<String>path("render.colormap")).isEqualTo("viridis");
        assertThat(fromUrl.<List<String>>path("tiles").get(0)).contains("colormap=viridis")
                .contains("token=" + info.<String>path("tiles[0]").replaceAll(".*token=([^&]+).*", "$1"));
        Response preflight = given().header("Origin", "https://maps.example")
                .header("Access-Control-Request-Method", "GET").options(fromUrl.<String>path("tiles[0]")
                        .replaceAll("\\?.*", "").replace("{z}/{x}/{y}", "1/1/1"));
        assertThat(preflight.statusCode()).isLessThan(300);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void the_preview_draws_the_whole_output_no_larger_than_max_size() throws Exception {
        Response info = tileInfo("cog");
        Response preview = given().urlEncodingEnabled(false).get(info.<String>path("preview") + "&max_size=100");
        BufferedImage image = image(preview);
        assertThat(preview.contentType()).isEqualTo("image/png");
        assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(100);
        assertThat(Math.min(image.getWidth(), image.getHeight())).isBetween(97, 100);
        assertThat(opaque(image)).isGreaterThan(90 * 90);
        Response tooLarge = given().urlEncodingEnabled(false).get(info.<String>path("preview") + "&max_size=99999");
        assertThat(tooLarge.statusCode()).isEqualTo(422);
        assertThat(tooLarge.<List<String>>path("errors.pointer")).containsExactly("/query/max_size");
    }

    @Test
    void webp_and_jpeg_tiles_are_served_with_their_media_types() {
        Response info = tileInfo("cog");
        List<Double> c = center(info);
        String png = tileUrl(info, c.get(0), c.get(1), 12);
        Response webp = given().urlEncodingEnabled(false).get(png.replace(".png?", ".webp?"));
        assertThat(webp.statusCode()).as(webp.asString()).isEqualTo(200);
        assertThat(webp.contentType()).isEqualTo("image/webp");
        byte[] bytes = webp.asByteArray();
        assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(bytes, 8, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        Response jpeg = given().urlEncodingEnabled(false).get(png.replace(".png?", ".jpg?") + "&tilesize=512");
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg.asByteArray()));
            assertThat(image.getWidth()).isEqualTo(512);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void outputs_of_jobs_that_did_not_succeed_have_no_tiles() {
        String queued = org.call("processing.execute", org.clipBody()).path("job_id");
        Response info = org.call("processing.job.tile_info", Map.of("job_id", queued));
        assertThat(info.statusCode()).isEqualTo(409);
        assertThat(info.<String>path("code")).isEqualTo("output_not_ready");
    }
}
