package com.geopera.imagery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ndvi and bathymetry on synthetic scenes whose answers are known. */
class IndexAndBathymetryTest {
    private static final int W = 40;
    private static final int H = 30;
    /** 0.001° pixels from (10°E, 45°N). */
    private static final double[] GT = {10, 0.001, 0, 45, 0, -0.001};
    private static final double RATIO_SCALE = 1000;
    private static final double M0 = 40;
    private static final double M1 = 45;
    private static final float GREEN = 0.05f;

    @TempDir
    Path tmp;

    private RunResult run(String process, String inputs) {
        ImageryEngine engine = TestRasters.engine(tmp);
        return engine.run(new RunRequest("job_" + process, 1, process, TestRasters.json(inputs), tmp.resolve("out-" + process)),
                ProgressListener.NONE, CancellationToken.NEVER);
    }

    @Test
    void ndvi_is_the_normalized_difference_and_respects_nodata() {
        float[] red = new float[W * H];
        float[] nir = new float[W * H];
        for (int i = 0; i < red.length; i++) {
            red[i] = 10 + i % 50;
            nir[i] = 100 + i % 70;
        }
        red[0] = 0;
        nir[0] = 0;            // sum zero → nodata
        red[1] = -1;           // source nodata → nodata
        TestRasters.geoTiff(tmp.resolve("ms.tif"), W, H, GT, "EPSG:4326", gdalconstConstants.GDT_Float32, -1.0, red, nir);

        RunResult r = run("ndvi", "{'image':'file:ms.tif','red_band':1,'nir_band':2}");
        double[] ndvi = TestRasters.pixels(Path.of(URI.create(r.outputs().get(0).href())), 1);
        assertThat(ndvi[0]).isEqualTo(-9999);
        assertThat(ndvi[1]).isEqualTo(-9999);
        for (int i = 2; i < ndvi.length; i++) {
            double expected = (nir[i] - red[i]) / (nir[i] + red[i]);
            assertThat(ndvi[i]).isCloseTo(expected, within(1e-6));
        }
        assertThat(r.outputs().get(0).metadata()).containsEntry("data_type", "Float32").containsEntry("nodata", -9999.0);
    }

    /** Blue chosen so that the Stumpf ratio gives a known depth; the right third is land (NIR above green). */
    private Path scene() {
        float[] blue = new float[W * H];
        float[] green = new float[W * H];
        float[] nir = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                double depth = knownDepth(x, y);
                double ratio = (depth + M0) / M1;
                blue[i] = (float) (Math.exp(ratio * Math.log(RATIO_SCALE * GREEN)) / RATIO_SCALE);
                green[i] = GREEN;
                nir[i] = x >= 2 * W / 3 ? 0.3f : 0.01f;
            }
        }
        return TestRasters.geoTiff(tmp.resolve("sea.tif"), W, H, GT, "EPSG:4326", gdalconstConstants.GDT_Float32, null,
                blue, green, nir);
    }

    private static double knownDepth(int x, int y) {
        return 1 + 0.4 * x + 0.1 * y;
    }

    private static String point(int x, int y) {
        double lon = GT[0] + (x + 0.5) * GT[1];
        double lat = GT[3] + (y + 0.5) * GT[5];
        return "{'type':'Feature','geometry':{'type':'Point','coordinates':[" + lon + "," + lat + "]},"
                + "'properties':{'depth':" + (float) knownDepth(x, y) + "}}";
    }

    private void assertDepths(RunResult r) {
        double[] depth = TestRasters.pixels(Path.of(URI.create(r.outputs().get(0).href())), 1);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double v = depth[y * W + x];
                if (x >= 2 * W / 3) {
                    assertThat(v).as("land at %d,%d", x, y).isEqualTo(-9999);
                } else {
                    assertThat(v).as("depth at %d,%d", x, y).isCloseTo(knownDepth(x, y), within(1e-3));
                }
            }
        }
    }

    @Test
    void bathymetry_with_given_coefficients_recovers_the_known_depths_and_masks_land() {
        scene();
        RunResult r = run("bathymetry", "{'image':'file:sea.tif','blue_band':1,'green_band':2,'nir_band':3,'m0':" + M0
                + ",'m1':" + M1 + "}");
        assertDepths(r);
        @SuppressWarnings("unchecked")
        Map<String, Object> bathy = (Map<String, Object>) r.outputs().get(0).metadata().get("bathymetry");
        assertThat(bathy).containsEntry("coefficients", "given").containsEntry("unit", "m");
    }

    @Test
    void bathymetry_calibrated_on_control_points_recovers_m0_m1_with_r2_of_one() {
        scene();
        String points = "{'type':'FeatureCollection','features':[" + point(1, 1) + "," + point(10, 20) + ","
                + point(20, 5) + "," + point(25, 28) + "," + point(5, 15) + "]}";
        RunResult r = run("bathymetry", "{'image':'file:sea.tif','blue_band':1,'green_band':2,'nir_band':3,"
                + "'control_points':" + points + "}");
        assertDepths(r);
        @SuppressWarnings("unchecked")
        Map<String, Object> bathy = (Map<String, Object>) r.outputs().get(0).metadata().get("bathymetry");
        assertThat((Double) bathy.get("m0")).isCloseTo(M0, within(1e-2));
        assertThat((Double) bathy.get("m1")).isCloseTo(M1, within(1e-2));
        @SuppressWarnings("unchecked")
        Map<String, Object> calibration = (Map<String, Object>) bathy.get("calibration");
        assertThat((Double) calibration.get("r2")).isCloseTo(1.0, within(1e-6));
        assertThat((Double) calibration.get("rmse")).isLessThan(1e-3);
        assertThat(calibration).containsEntry("points_used", 5);
    }

    @Test
    void bathymetry_restricted_to_an_aoi_is_nodata_outside_it() {
        scene();
        String aoi = TestRasters.box(10.005, 44.980, 10.015, 44.990);
        RunResult r = run("bathymetry", "{'image':'file:sea.tif','blue_band':1,'green_band':2,'nir_band':3,'m0':" + M0
                + ",'m1':" + M1 + ",'aoi':" + aoi + "}");
        Map<String, Object> m = r.outputs().get(0).metadata();
        assertThat(m.get("width")).isEqualTo(10);
        assertThat(m.get("height")).isEqualTo(10);
        double[] depth = TestRasters.pixels(Path.of(URI.create(r.outputs().get(0).href())), 1);
        // first output pixel is source column 5, row 10
        assertThat(depth[0]).isCloseTo(knownDepth(5, 10), within(1e-3));
    }
}
