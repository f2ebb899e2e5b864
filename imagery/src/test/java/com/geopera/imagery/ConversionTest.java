package com.geopera.imagery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.geopera.imagery.process.HillshadeProcess;
import com.geopera.imagery.raster.CogWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cog, reproject and hillshade against gdal_translate, gdalwarp and gdaldem on the same inputs. */
class ConversionTest {
    @TempDir
    Path tmp;

    private final ImageryEngine engine = TestRasters.engine();
    private final Path elev = TestRasters.samples().resolve("elev.tif");

    private Path run(String process, String inputs) {
        RunResult r = engine.run(new RunRequest("job_" + process, 1, process, TestRasters.json(inputs),
                tmp.resolve("out-" + process + "-" + System.nanoTime())), ProgressListener.NONE, CancellationToken.NEVER);
        return Path.of(URI.create(r.outputs().get(0).href()));
    }

    @Test
    void cog_matches_gdal_translate_and_has_overviews() throws Exception {
        Path big = TestRasters.geoTiff(tmp.resolve("big.tif"), 1500, 1200,
                new double[] {5, 0.001, 0, 50, 0, -0.001}, "EPSG:4326", gdalconstConstants.GDT_UInt16, null, gradient(1500, 1200));
        Path root = tmp;
        ImageryEngine local = TestRasters.engine(root);
        RunResult r = local.run(new RunRequest("job_cog", 1, "cog",
                TestRasters.json("{'image':'file:big.tif','compression':'ZSTD'}"), tmp.resolve("out")),
                ProgressListener.NONE, CancellationToken.NEVER);
        Path ours = Path.of(URI.create(r.outputs().get(0).href()));
        Path cli = tmp.resolve("cli.tif");
        List<String> cmd = new ArrayList<>(List.of("gdal_translate", "-q"));
        cmd.addAll(CogWriter.translateArgs("ZSTD"));
        cmd.addAll(List.of(big.toString(), cli.toString()));
        TestRasters.cli(cmd);

        TestRasters.assertSamePixels(TestRasters.pixels(ours, 1), TestRasters.pixels(cli, 1));
        Dataset ds = gdal.Open(ours.toString());
        try {
            assertThat(ds.GetRasterBand(1).GetOverviewCount()).isPositive();
            assertThat(ds.GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")).isEqualTo("COG");
            assertThat(ds.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE")).isEqualTo("ZSTD");
        } finally {
            ds.delete();
        }
        assertThat(r.outputs().get(0).metadata()).containsEntry("compression", "ZSTD").containsEntry("data_type", "UInt16");
    }

    @Test
    void a_raster_without_crs_converts_and_its_metadata_says_so() {
        RunResult r = engine.run(new RunRequest("job_logo", 1, "cog", TestRasters.json("{'image':'file:logo.tif'}"),
                tmp.resolve("logo")), ProgressListener.NONE, CancellationToken.NEVER);
        assertThat(r.outputs().get(0).metadata()).doesNotContainKeys("bbox", "minzoom", "maxzoom")
                .containsEntry("band_count", 3).containsEntry("data_type", "Byte");
        assertThat(r.usage().basis()).containsEntry("area_km2", 0.0);
        Path ours = Path.of(URI.create(r.outputs().get(0).href()));
        TestRasters.assertSamePixels(TestRasters.pixels(ours, 3), TestRasters.pixels(TestRasters.samples().resolve("logo.tif"), 3));
    }

    @Test
    void reproject_matches_gdalwarp() {
        Path ours = run("reproject", "{'image':'file:elev.tif','target_crs':'EPSG:32632','resampling':'bilinear','resolution':500}");
        Path cli = tmp.resolve("cli.tif");
        TestRasters.cli(List.of("gdalwarp", "-q", "-t_srs", "EPSG:32632", "-r", "bilinear", "-tr", "500", "500",
                "-dstnodata", "-32768", "-of", "COG", elev.toString(), cli.toString()));
        assertThat(TestRasters.grid(ours)).containsExactly(TestRasters.grid(cli), within(1e-6));
        TestRasters.assertSamePixels(TestRasters.pixels(ours, 1), TestRasters.pixels(cli, 1));
    }

    @Test
    void hillshade_matches_gdaldem() {
        Path ours = run("hillshade", "{'image':'file:elev.tif','z_factor':2,'azimuth':300,'altitude':40}");
        Path cli = tmp.resolve("cli.tif");
        List<String> cmd = new ArrayList<>(List.of("gdaldem", "hillshade", "-q"));
        cmd.addAll(HillshadeProcess.demArgs(1, 2, 300, 40, true));
        cmd.addAll(List.of(elev.toString(), cli.toString()));
        TestRasters.cli(cmd);
        TestRasters.assertSamePixels(TestRasters.pixels(ours, 1), TestRasters.pixels(cli, 1));
        double[] shade = TestRasters.pixels(ours, 1);
        assertThat(java.util.Arrays.stream(shade).filter(v -> v > 0).count()).isGreaterThan(shade.length / 3);
    }

    @Test
    void cog_of_an_8_bit_image_may_use_jpeg_but_a_16_bit_one_may_not() {
        assertThat(engine.validate("cog", TestRasters.json("{'image':'file:logo.tif','compression':'JPEG'}"))).isEmpty();
        assertThat(engine.validate("cog", TestRasters.json("{'image':'file:elev.tif','compression':'JPEG'}")))
                .extracting(p -> p.pointer()).containsExactly("/inputs/compression");
    }

    @Test
    void statistics_percentiles_are_exact_for_integer_data() {
        float[] values = new float[100];
        for (int i = 0; i < 100; i++) {
            values[i] = i + 1;
        }
        TestRasters.geoTiff(tmp.resolve("hundred.tif"), 10, 10, new double[] {0, 1, 0, 10, 0, -1}, "EPSG:32632",
                gdalconstConstants.GDT_Int16, null, values);
        ImageryEngine local = TestRasters.engine(tmp);
        RunResult r = local.run(new RunRequest("job_stats", 1, "cog", TestRasters.json("{'image':'file:hundred.tif'}"),
                tmp.resolve("out")), ProgressListener.NONE, CancellationToken.NEVER);
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) ((List<Map<String, Object>>) r.outputs().get(0).metadata()
                .get("bands")).get(0).get("statistics");
        assertThat(stats).containsEntry("minimum", 1.0).containsEntry("maximum", 100.0)
                .containsEntry("percentile_2", 2.0).containsEntry("percentile_98", 98.0);
        assertThat((Double) stats.get("mean")).isCloseTo(50.5, within(1e-9));
        assertThat((Double) stats.get("stddev")).isCloseTo(28.866, within(1e-3));
    }

    static float[] gradient(int width, int height) {
        float[] v = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                v[y * width + x] = (x * 7 + y * 13) % 4000;
            }
        }
        return v;
    }
}
