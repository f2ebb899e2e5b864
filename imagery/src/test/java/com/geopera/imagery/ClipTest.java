package com.geopera.imagery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.geopera.common.process.JobOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipTest {
    /** A triangle whose vertices sit on pixel corners of elev.tif (origin 5.741666…, 50.191666…, 1/120°). */
    private static final double PX = 1.0 / 120;
    private static final double X0 = 5.741666666666666;
    private static final double Y0 = 50.191666666666663;

    @TempDir
    Path tmp;

    private final ImageryEngine engine = TestRasters.engine();

    private static double x(int col) {
        return X0 + col * PX;
    }

    private static double y(int row) {
        return Y0 - row * PX;
    }

    private static String triangle() {
        return "{'type':'Polygon','coordinates':[[[" + x(20) + "," + y(70) + "],[" + x(60) + "," + y(70) + "],["
                + x(40) + "," + y(20) + "],[" + x(20) + "," + y(70) + "]]]}";
    }

    @Test
    void clip_matches_gdalwarp_with_the_same_cutline_pixel_for_pixel() throws Exception {
        String aoi = triangle();
        RunResult result = engine.run(new RunRequest("job_clip", 1, "clip",
                TestRasters.json("{'image':'file:elev.tif','aoi':" + aoi + "}"), tmp.resolve("out")),
                ProgressListener.NONE, CancellationToken.NEVER);

        Path cutline = Files.writeString(tmp.resolve("aoi.geojson"), aoi.replace('\'', '"'));
        Path cli = tmp.resolve("cli.tif");
        TestRasters.cli(List.of("gdalwarp", "-q", "-cutline", cutline.toString(), "-crop_to_cutline",
                "-dstnodata", "-32768", "-of", "COG", TestRasters.samples().resolve("elev.tif").toString(), cli.toString()));

        Path ours = Path.of(java.net.URI.create(result.outputs().get(0).href()));
        assertThat(TestRasters.grid(ours)).containsExactly(TestRasters.grid(cli), within(1e-9));
        TestRasters.assertSamePixels(TestRasters.pixels(ours, 1), TestRasters.pixels(cli, 1));
        assertThat(TestRasters.pixels(ours, 1)).contains(-32768.0);
    }

    @Test
    void clip_writes_a_cog_with_stac_like_metadata_and_cleans_its_work_files() throws Exception {
        Path out = tmp.resolve("out");
        RunResult result = engine.run(new RunRequest("job_meta", 1, "clip",
                TestRasters.json("{'image':'file:elev.tif','aoi':" + TestRasters.box(5.9, 49.6, 6.3, 50.0) + "}"), out),
                ProgressListener.NONE, CancellationToken.NEVER);

        assertThat(TestRasters.filesUnder(out)).containsExactly("result.tif");
        JobOutput output = result.outputs().get(0);
        assertThat(output.name()).isEqualTo("result");
        assertThat(output.href()).startsWith("file:");
        assertThat(output.mediaType()).contains("cloud-optimized");
        assertThat(output.sizeBytes()).isEqualTo(Files.size(out.resolve("result.tif")));
        Map<String, Object> m = output.metadata();
        assertThat(m.get("crs")).isEqualTo("EPSG:4326");
        assertThat(m.get("data_type")).isEqualTo("Int16");
        assertThat(m.get("nodata")).isEqualTo(-32768.0);
        assertThat(m.get("width")).isEqualTo(48);
        assertThat(m.get("height")).isEqualTo(48);
        @SuppressWarnings("unchecked")
        List<Double> bbox = (List<Double>) m.get("bbox");
        assertThat(bbox.get(0)).isCloseTo(5.9, within(PX));
        assertThat(bbox.get(3)).isCloseTo(50.0, within(PX));
        assertThat((Integer) m.get("maxzoom")).isBetween(7, 9);
        assertThat((Integer) m.get("minzoom")).isLessThanOrEqualTo((Integer) m.get("maxzoom"));
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) ((List<Map<String, Object>>) m.get("bands")).get(0).get("statistics");
        double min = (Double) stats.get("minimum");
        double max = (Double) stats.get("maximum");
        assertThat(min).isGreaterThanOrEqualTo(141);
        assertThat(max).isLessThanOrEqualTo(547);
        assertThat((Double) stats.get("percentile_2")).isBetween(min, max);
        assertThat((Double) stats.get("percentile_98")).isBetween((Double) stats.get("percentile_2"), max);
        assertThat((Double) stats.get("mean")).isBetween(min, max);
        assertThat((Double) stats.get("stddev")).isPositive();
        assertThat(com.geopera.common.json.Json.mapper().writeValueAsString(m)).doesNotContain("NaN");
    }

    @Test
    void clip_to_another_crs_reads_the_extent_in_lon_lat_like_gdalwarp_with_te_srs() throws Exception {
        String aoi = TestRasters.box(5.9, 49.6, 6.3, 50.0);
        RunResult result = engine.run(new RunRequest("job_3857", 1, "clip",
                TestRasters.json("{'image':'file:elev.tif','aoi':" + aoi + ",'output_crs':'EPSG:3857','resolution':1000}"),
                tmp.resolve("out")), ProgressListener.NONE, CancellationToken.NEVER);
        Path cutline = Files.writeString(tmp.resolve("aoi.geojson"), aoi.replace('\'', '"'));
        Path cli = tmp.resolve("cli.tif");
        TestRasters.cli(List.of("gdalwarp", "-q", "-cutline", cutline.toString(), "-t_srs", "EPSG:3857",
                "-te", "5.9", "49.6", "6.3", "50", "-te_srs", "EPSG:4326", "-tr", "1000", "1000", "-dstnodata", "-32768",
                "-of", "COG", TestRasters.samples().resolve("elev.tif").toString(), cli.toString()));
        Path ours = Path.of(java.net.URI.create(result.outputs().get(0).href()));
        assertThat(TestRasters.grid(ours)).containsExactly(TestRasters.grid(cli), within(1e-6));
        TestRasters.assertSamePixels(TestRasters.pixels(ours, 1), TestRasters.pixels(cli, 1));
        assertThat(result.outputs().get(0).metadata().get("crs")).isEqualTo("EPSG:3857");
        double[] grid = TestRasters.grid(ours);
        assertThat(grid[2]).as("x origin in metres, not degrees").isGreaterThan(600_000);
    }

    @Test
    void clip_of_a_projected_image_with_a_lon_lat_aoi_matches_gdalwarp_and_stops_at_the_footprint() throws Exception {
        TestRasters.geoTiff(tmp.resolve("utm.tif"), 600, 500, new double[] {400_000, 100, 0, 5_500_000, 0, -100},
                "EPSG:32632", org.gdal.gdalconst.gdalconstConstants.GDT_Int16, null, ConversionTest.gradient(600, 500));
        ImageryEngine local = TestRasters.engine(tmp);
        String inside = "{'type':'Polygon','coordinates':[[[7.8,49.3],[8.3,49.25],[8.4,49.5],[8.0,49.6],[7.8,49.3]]]}";
        RunResult r = local.run(new RunRequest("job_utm", 1, "clip",
                TestRasters.json("{'image':'file:utm.tif','aoi':" + inside + "}"), tmp.resolve("o1")),
                ProgressListener.NONE, CancellationToken.NEVER);
        Path cutline = Files.writeString(tmp.resolve("inside.geojson"), inside.replace('\'', '"'));
        Path cli = tmp.resolve("cli-utm.tif");
        TestRasters.cli(List.of("gdalwarp", "-q", "-cutline", cutline.toString(), "-crop_to_cutline",
                "-dstnodata", "-32768", "-of", "COG", tmp.resolve("utm.tif").toString(), cli.toString()));
        Path ours = Path.of(java.net.URI.create(r.outputs().get(0).href()));
        // Stated tolerance: our extent is the AOI's envelope snapped OUTWARD to the source grid, gdalwarp's
        // -crop_to_cutline rounds it, so ours may have up to one more column/row on each side. Both grids are the
        // source grid; every pixel of gdalwarp's output must equal ours at the same place.
        double[] g = TestRasters.grid(ours);
        double[] c = TestRasters.grid(cli);
        int dx = (int) Math.round((c[2] - g[2]) / 100);
        int dy = (int) Math.round((g[5] - c[5]) / 100);
        assertThat(dx).isBetween(0, 1);
        assertThat(dy).isBetween(0, 1);
        assertThat(g[0] - c[0]).isBetween(0.0, 2.0);
        assertThat(g[1] - c[1]).isBetween(0.0, 2.0);
        double[] op = TestRasters.pixels(ours, 1);
        double[] cp = TestRasters.pixels(cli, 1);
        int ow = (int) g[0];
        int cw = (int) c[0];
        int valid = 0;
        for (int y = 0; y < (int) c[1]; y++) {
            for (int x = 0; x < cw; x++) {
                assertThat(op[(y + dy) * ow + x + dx]).as("pixel %d,%d", x, y).isEqualTo(cp[y * cw + x]);
                valid += cp[y * cw + x] == -32768 ? 0 : 1;
            }
        }
        assertThat(valid).isGreaterThan(10_000);

        String halfOut = "{'type':'Polygon','coordinates':[[[7.7,49.15],[8.6,49.2],[8.8,49.55],[8.2,49.9],[7.65,49.6],[7.7,49.15]]]}";
        Estimate estimate = local.estimate("clip", TestRasters.json("{'image':'file:utm.tif','aoi':" + halfOut + "}"));
        RunResult r2 = local.run(new RunRequest("job_utm2", 1, "clip",
                TestRasters.json("{'image':'file:utm.tif','aoi':" + halfOut + "}"), tmp.resolve("o2")),
                ProgressListener.NONE, CancellationToken.NEVER);
        double[] grid = TestRasters.grid(Path.of(java.net.URI.create(r2.outputs().get(0).href())));
        assertThat(grid[5]).as("top edge at the image's top").isLessThanOrEqualTo(5_500_000);
        assertThat(grid[2]).as("left edge inside the image").isGreaterThanOrEqualTo(400_000);
        assertThat(r2.usage().credits()).isLessThanOrEqualTo(estimate.credits());
        assertThat((Long) estimate.basis().get("pixels")).isEqualTo((long) (grid[0] * grid[1]));
    }

    @Test
    void usage_never_exceeds_the_estimate_for_the_same_inputs() {
        List<String> inputs = new ArrayList<>(List.of(
                "{'image':'file:elev.tif','aoi':" + triangle() + "}",
                "{'image':'file:elev.tif','aoi':" + TestRasters.box(5.0, 49.0, 6.0, 50.0) + "}",
                "{'image':'file:elev.tif','aoi':" + TestRasters.box(5.9, 49.6, 6.3, 50.0) + ",'output_crs':'EPSG:3035'}"));
        int i = 0;
        for (String text : inputs) {
            Estimate estimate = engine.estimate("clip", TestRasters.json(text));
            RunResult result = engine.run(new RunRequest("job_u" + i, 1, "clip", TestRasters.json(text),
                    tmp.resolve("u" + i++)), ProgressListener.NONE, CancellationToken.NEVER);
            assertThat(estimate.credits()).isPositive();
            assertThat(estimate.basis()).containsKeys("area_km2", "pixels", "bands");
            assertThat(estimate.expiresAt()).isAfter(java.time.Instant.now());
            assertThat(result.usage().credits()).isLessThanOrEqualTo(estimate.credits());
            assertThat((Double) estimate.basis().get("area_km2")).isPositive();
        }
    }

    @Test
    void estimate_area_is_the_aoi_inside_the_footprint() {
        Estimate inside = engine.estimate("clip", TestRasters.json(
                "{'image':'file:elev.tif','aoi':" + TestRasters.box(5.9, 49.6, 6.3, 50.0) + "}"));
        Estimate halfOutside = engine.estimate("clip", TestRasters.json(
                "{'image':'file:elev.tif','aoi':" + TestRasters.box(5.9, 49.6, 7.3, 50.0) + "}"));
        // 0.4° × 0.4° at ~49.8° N ≈ 28.7 km × 44.5 km
        assertThat((Double) inside.basis().get("area_km2")).isCloseTo(1276, within(20.0));
        double clipped = (6.5333333 - 5.9) / 0.4;
        assertThat((Double) halfOutside.basis().get("area_km2")).isCloseTo(1276 * clipped, within(30.0));
    }
    /**
     * The pixels of clip and bathymetry estimates, as they were when GDAL planned every clip warp (a virtual
     * gdalwarp): computing the size in Java changed no estimate. With and without a resolution, partly outside,
     * sub-pixel, a projected image, and a target CRS (still planned by GDAL).
     */
    @Test
    void estimated_pixels_are_those_gdal_planned_before_the_size_was_computed_in_java() {
        String dem = "{'image':'file:elev.tif','aoi':";
        String landsat = "{'image':'file:L7_ETMs.tif','aoi':";
        Map<String, Long> clips = new java.util.LinkedHashMap<>();
        clips.put(dem + triangle() + "}", 2000L);
        clips.put(dem + TestRasters.box(5.9, 49.6, 6.3, 50.0) + "}", 2304L);
        clips.put(dem + TestRasters.box(5.9, 49.6, 7.3, 50.0) + "}", 3648L);
        clips.put(dem + TestRasters.box(5.95, 49.8, 5.951, 49.801) + "}", 1L);
        clips.put(dem + TestRasters.box(5.9, 49.6, 6.3, 50.0) + ",'resolution':0.01}", 1600L);
        clips.put(dem + TestRasters.box(5.5, 49.3, 6.03, 49.71) + ",'resolution':0.003}", 8730L);
        clips.put(dem + TestRasters.box(5.9, 49.6, 6.3, 50.0) + ",'output_crs':'EPSG:3857','resolution':1000}", 3105L);
        clips.put(landsat + TestRasters.box(-34.9, -8.03, -34.85, -7.96) + "}", 53508L);
        clips.put(landsat + TestRasters.box(-34.95, -8.0, -34.88, -7.9) + ",'resolution':100}", 2296L);
        clips.forEach((inputs, pixels) -> assertThat(engine.estimate("clip", TestRasters.json(inputs)).basis())
                .as(inputs).containsEntry("pixels", pixels));

        String bathymetry = "{'image':'file:L7_ETMs.tif','blue_band':1,'green_band':2,'nir_band':4,'m0':-1,'m1':2,"
                + "'aoi':" + TestRasters.box(-34.9, -8.03, -34.85, -7.96) + "}";
        assertThat(engine.estimate("bathymetry", TestRasters.json(bathymetry)).basis()).containsEntry("pixels", 53508L);
    }
}
