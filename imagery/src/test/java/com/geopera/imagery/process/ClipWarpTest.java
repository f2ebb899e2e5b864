package com.geopera.imagery.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.geopera.imagery.input.GeoJsonGeometries;
import com.geopera.imagery.raster.Gdal;
import com.geopera.imagery.raster.RasterInfo;
import com.geopera.imagery.raster.RasterProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.SpatialReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The output size a clip plan computes in Java is the size GDAL plans for the same arguments ({@link Warps#outputSize},
 * a virtual gdalwarp): the proof that estimates may skip GDAL's planning. Many AOIs on the sample DEM (EPSG:4326)
 * and on the projected Landsat sample (UTM, a pixel of 28.4999… m): everywhere on and around the image, from
 * sub-pixel to larger than the image, edges on pixel corners, with and without a resolution.
 */
class ClipWarpTest {
    /** Resolutions asked of the DEM (degrees; its pixel is 1/120°) and of the Landsat image (metres). */
    private static final double[] DEGREE_RESOLUTIONS = {0.0004, 0.001, 1.0 / 120, 0.003, 0.01, 0.037, 0.2};
    private static final double[] METRE_RESOLUTIONS = {7.5, 28.5, 30, 100, 333.3, 2000};

    @TempDir
    Path tmp;

    @BeforeAll
    static void gdalReady() {
        Gdal.init(Duration.ofSeconds(30));
    }

    private static RasterInfo sample(String name) {
        String root = System.getProperty("geopera.repo.root");
        assertThat(root).as("system property geopera.repo.root (set by the root pom)").isNotNull();
        Path file = Path.of(root, ".geopera/samples", name);
        assertThat(file).as("run deploy/samples/fetch").exists();
        RasterProbe.Result probe = RasterProbe.probe(file.toString());
        assertThat(probe.isOk()).as(probe.message()).isTrue();
        return probe.info();
    }

    @Test
    void clip_sizes_computed_in_java_equal_the_sizes_gdal_plans_on_the_sample_dem() {
        RasterInfo dem = sample("elev.tif");
        List<Geometry> aois = aois(dem, new Random(20261203), 160);
        aois.addAll(onPixelCorners(dem));
        assertJavaSizesEqualGdals(dem, aois, DEGREE_RESOLUTIONS);
    }

    @Test
    void clip_sizes_computed_in_java_equal_the_sizes_gdal_plans_on_a_projected_image() {
        RasterInfo landsat = sample("L7_ETMs.tif");
        assertJavaSizesEqualGdals(landsat, aois(landsat, new Random(7), 120), METRE_RESOLUTIONS);
    }

    @Test
    void a_clip_to_another_crs_or_of_a_rotated_image_leaves_the_size_to_gdal() {
        RasterInfo dem = sample("elev.tif");
        Geometry aoi = box(5.9, 49.6, 6.3, 50.0);
        ClipWarp.Plan reprojected = ClipWarp.plan(dem, aoi, GeoJsonGeometries.toGeoJson(aoi), "EPSG:3857", 1000d);
        assertThat(reprojected.size()).isEmpty();
        assertThat(reprojected.outputSize(dem.gdalPath()))
                .isEqualTo(Warps.outputSize(dem.gdalPath(), reprojected.args()));

        RasterInfo rotated = rotatedImage();
        Geometry inside = box(7.9, 49.3, 8.2, 49.5);
        ClipWarp.Plan plan = ClipWarp.plan(rotated, inside, GeoJsonGeometries.toGeoJson(inside), null, null);
        assertThat(plan.args()).contains("-crop_to_cutline");
        assertThat(plan.size()).isEmpty();
        assertThat(plan.outputSize(rotated.gdalPath()).pixels()).isPositive();
    }

    /**
     * For every AOI that overlaps the image (others are refused before planning), without and with each resolution:
     * the size is known in Java and equals GDAL's. Edges within 1e-8 pixel of a multiple of the resolution, where
     * GDAL versions align differently, may be left to GDAL; there are few.
     */
    private static void assertJavaSizesEqualGdals(RasterInfo image, List<Geometry> aois, double[] resolutions) {
        int overlapping = 0;
        int compared = 0;
        int leftToGdal = 0;
        for (Geometry aoi : aois) {
            if (!aoi.intersects(image.footprint4326()) || aoi.intersection(image.footprint4326()).getArea() == 0) {
                continue;
            }
            overlapping++;
            String json = GeoJsonGeometries.toGeoJson(aoi);
            List<Double> asked = new ArrayList<>();
            asked.add(null);
            for (double r : resolutions) {
                asked.add(r);
            }
            for (Double resolution : asked) {
                ClipWarp.Plan plan = ClipWarp.plan(image, aoi, json, null, resolution);
                GridSize gdals = Warps.outputSize(image.gdalPath(), plan.args());
                if (resolution == null) {
                    assertThat(plan.size()).as("known without a resolution: %s", plan.args()).isPresent();
                }
                if (plan.size().isEmpty()) {
                    leftToGdal++;
                    continue;
                }
                assertThat(plan.size().get()).as("%s %s", aoi, plan.args()).isEqualTo(gdals);
                compared++;
            }
        }
        assertThat(overlapping).as("AOIs overlapping the image").isGreaterThan(aois.size() / 3);
        assertThat(leftToGdal).as("sizes left to GDAL, of %d", compared + leftToGdal)
                .isLessThanOrEqualTo((compared + leftToGdal) / 50);
    }

    /** Boxes and triangles around the image: sizes from 1e-4 pixel to twice the image, a third partly outside. */
    private static List<Geometry> aois(RasterInfo image, Random random, int count) {
        Envelope fp = image.footprint4326().getEnvelopeInternal();
        double pixel = fp.getWidth() / image.width();
        List<Geometry> aois = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double size = pixel * Math.pow(10, -4 + random.nextDouble() * (4 + Math.log10(2.0 * image.width())));
            double x = fp.getMinX() - 0.3 * fp.getWidth() + random.nextDouble() * 1.6 * fp.getWidth();
            double y = fp.getMinY() - 0.3 * fp.getHeight() + random.nextDouble() * 1.6 * fp.getHeight();
            double h = size * (0.3 + random.nextDouble() * 1.4);
            if (i % 3 == 0) {
                aois.add(GeoJsonGeometries.FACTORY.createPolygon(new Coordinate[] {new Coordinate(x, y),
                        new Coordinate(x + size, y + h / 3), new Coordinate(x + size / 2, y + h), new Coordinate(x, y)}));
            } else {
                aois.add(box(x, y, x + size, y + h));
            }
        }
        return aois;
    }

    /** Boxes whose corners are pixel corners of a north-up EPSG:4326 image (edges exactly on the grid). */
    private static List<Geometry> onPixelCorners(RasterInfo image) {
        double[] gt = image.geoTransform();
        List<Geometry> aois = new ArrayList<>();
        int[][] windows = {{0, 0, 1, 1}, {20, 20, 60, 70}, {94, 89, 95, 90}, {-5, -5, 10, 10}, {0, 0, 95, 90},
                {37, 11, 38, 80}, {50, 3, 90, 4}};
        for (int[] w : windows) {
            aois.add(box(gt[0] + w[0] * gt[1], gt[3] + w[3] * gt[5], gt[0] + w[2] * gt[1], gt[3] + w[1] * gt[5]));
        }
        return aois;
    }

    private static Geometry box(double west, double south, double east, double north) {
        return GeoJsonGeometries.FACTORY.createPolygon(new Coordinate[] {new Coordinate(west, south),
                new Coordinate(east, south), new Coordinate(east, north), new Coordinate(west, north),
                new Coordinate(west, south)});
    }

    /** A UTM 32N image whose grid is rotated by a few degrees (rotation terms in its geotransform). */
    private RasterInfo rotatedImage() {
        String file = tmp.resolve("rotated.tif").toString();
        Dataset ds = gdal.GetDriverByName("GTiff").Create(file, 400, 300, 1, gdalconstConstants.GDT_Byte);
        ds.SetGeoTransform(new double[] {420_000, 99.6, 8.7, 5_480_000, 8.7, -99.6});
        SpatialReference utm = new SpatialReference();
        utm.SetFromUserInput("EPSG:32632");
        ds.SetProjection(utm.ExportToWkt());
        utm.delete();
        ds.GetRasterBand(1).Fill(1);
        ds.delete();
        RasterProbe.Result probe = RasterProbe.probe(file);
        assertThat(probe.isOk()).as(probe.message()).isTrue();
        assertThat(probe.info().northUp()).isFalse();
        return probe.info();
    }
}
