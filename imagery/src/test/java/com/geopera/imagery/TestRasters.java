package com.geopera.imagery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.Driver;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.SpatialReference;

/** Test helpers: the sample rasters, synthetic rasters made with GDAL, reading pixels, and the GDAL CLI. */
final class TestRasters {
    private TestRasters() {
    }

    static Path repoRoot() {
        String root = System.getProperty("geopera.repo.root");
        assertThat(root).as("system property geopera.repo.root (set by the root pom)").isNotNull();
        return Path.of(root);
    }

    static Path samples() {
        Path dir = repoRoot().resolve(".geopera/samples");
        assertThat(dir.resolve("elev.tif")).as("run deploy/samples/fetch").exists();
        return dir;
    }

    /** An engine reading from the samples and the given extra roots. */
    static ImageryEngine engine(Path... extraRoots) {
        List<Path> roots = new ArrayList<>(List.of(samples()));
        roots.addAll(List.of(extraRoots));
        return new ImageryEngine(ImageryConfig.defaults(roots, List.of("data.example.org")));
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A GeoJSON Polygon of an axis-aligned box in lon/lat. */
    static String box(double west, double south, double east, double north) {
        return "{'type':'Polygon','coordinates':[[[" + west + "," + south + "],[" + east + "," + south + "],["
                + east + "," + north + "],[" + west + "," + north + "],[" + west + "," + south + "]]]}";
    }

    /** Creates a north-up EPSG:4326 (or other CRS) GeoTIFF with the given bands' values (row-major, width·height). */
    static Path geoTiff(Path file, int width, int height, double[] geoTransform, String crs, int dataType,
                        Double noData, float[]... bands) {
        com.geopera.imagery.raster.Gdal.init(java.time.Duration.ofSeconds(30));
        Driver driver = gdal.GetDriverByName("GTiff");
        Dataset ds = driver.Create(file.toString(), width, height, bands.length, dataType,
                new String[] {"TILED=YES", "BIGTIFF=IF_SAFER"});
        assertThat(ds).as("creating " + file).isNotNull();
        ds.SetGeoTransform(geoTransform);
        if (crs != null) {
            SpatialReference srs = new SpatialReference();
            srs.SetFromUserInput(crs);
            ds.SetProjection(srs.ExportToWkt());
            srs.delete();
        }
        for (int b = 0; b < bands.length; b++) {
            Band band = ds.GetRasterBand(b + 1);
            if (noData != null) {
                band.SetNoDataValue(noData);
            }
            band.WriteRaster(0, 0, width, height, bands[b]);
        }
        ds.delete();
        return file;
    }

    /** All pixels of one band as doubles. */
    static double[] pixels(Path raster, int band) {
        com.geopera.imagery.raster.Gdal.init(java.time.Duration.ofSeconds(30));
        Dataset ds = gdal.OpenEx(raster.toString(), gdalconstConstants.OF_RASTER | gdalconstConstants.OF_READONLY);
        assertThat(ds).as("opening " + raster).isNotNull();
        try {
            double[] values = new double[ds.getRasterXSize() * ds.getRasterYSize()];
            ds.GetRasterBand(band).ReadRaster(0, 0, ds.getRasterXSize(), ds.getRasterYSize(), values);
            return values;
        } finally {
            ds.delete();
        }
    }

    /** Width, height and geotransform of a raster. */
    static double[] grid(Path raster) {
        Dataset ds = gdal.OpenEx(raster.toString(), gdalconstConstants.OF_RASTER | gdalconstConstants.OF_READONLY);
        assertThat(ds).as("opening " + raster).isNotNull();
        try {
            double[] gt = ds.GetGeoTransform();
            return new double[] {ds.getRasterXSize(), ds.getRasterYSize(), gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]};
        } finally {
            ds.delete();
        }
    }

    /** Fails with the number of differing pixels and the first one (AssertJ's diff of big arrays is quadratic). */
    static void assertSamePixels(double[] actual, double[] expected) {
        assertThat(actual.length).as("pixel count").isEqualTo(expected.length);
        int differing = 0;
        int first = -1;
        for (int i = 0; i < actual.length; i++) {
            if (Double.compare(actual[i], expected[i]) != 0) {
                differing++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        assertThat(differing).as("pixels differing, first at index %d (%s vs %s)", first,
                first < 0 ? "" : actual[first], first < 0 ? "" : expected[first]).isZero();
    }

    /** Runs a GDAL command-line tool and fails the test when it fails. */
    static void cli(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> filesUnder(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
