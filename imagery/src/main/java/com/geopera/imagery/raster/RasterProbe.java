package com.geopera.imagery.raster;

import com.geopera.common.error.InputErrorCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/** Opens a raster read-only and reports its structure and footprint, or why it could not be read. */
public final class RasterProbe {
    /**
     * Formats that name other files or URLs inside them (a VRT may point at any path or at /vsicurl/): accepting
     * them would let an input escape the input roots and the host allow-list, so they are refused.
     */
    private static final java.util.Set<String> REFERENCING_DRIVERS = java.util.Set.of("VRT", "DERIVED", "GTI",
            "WMS", "WMTS", "STACIT", "STACTA", "PLMOSAIC", "DAAS", "EEDAI", "OGCAPI", "XYZ", "MBTiles", "ESRIC");

    /** Points sampled along each edge of the raster to build its footprint. */
    private static final int EDGE_SAMPLES = 16;

    /** The probe's answer: the raster's description, or a problem code and message. */
    public record Result(RasterInfo info, String problemCode, String message) {
        public boolean isOk() {
            return info != null;
        }
    }

    private RasterProbe() {
    }

    public static Result probe(String gdalPath) {
        // a bad input is an expected answer here, not something for the log
        gdal.PushErrorHandler("CPLQuietErrorHandler");
        try {
            return probeQuietly(gdalPath);
        } finally {
            gdal.PopErrorHandler();
        }
    }

    private static Result probeQuietly(String gdalPath) {
        gdal.ErrorReset();
        Dataset ds = open(gdalPath);
        if (ds == null) {
            String error = Gdal.lastError();
            boolean missing = error.contains("No such file") || error.contains("HTTP response code: 404")
                    || error.contains("does not exist");
            return new Result(null, missing ? InputErrorCodes.INPUT_NOT_FOUND : InputErrorCodes.NOT_A_RASTER,
                    missing ? "the image could not be found: " + error : "not a raster GDAL can read: " + error);
        }
        try {
            if (ds.GetRasterCount() == 0) {
                return new Result(null, InputErrorCodes.NOT_A_RASTER, "the dataset has no raster bands");
            }
            String driver = ds.GetDriver().getShortName();
            if (REFERENCING_DRIVERS.contains(driver)) {
                return new Result(null, InputErrorCodes.NOT_A_RASTER,
                        driver + " files refer to other files or URLs and are not accepted as inputs");
            }
            return new Result(describe(ds, gdalPath), null, null);
        } finally {
            ds.delete();
        }
    }

    /**
     * Opens a raster read-only, hands it to {@code work} and deletes it afterwards, whatever happens; a raster that
     * cannot be opened fails the run ({@code gdal_error}, "opening the {@code what} failed").
     */
    public static <T> T withOpened(String gdalPath, String what, Function<Dataset, T> work) {
        Dataset source = open(gdalPath);
        if (source == null) {
            throw Gdal.failure("opening the " + what + " failed");
        }
        try {
            return work.apply(source);
        } finally {
            source.delete();
        }
    }

    /** Opens a raster read-only; null (with GDAL's error set) when it cannot. */
    public static Dataset open(String gdalPath) {
        boolean remote = gdalPath.startsWith("/vsicurl/");
        if (remote) {
            // do not list the remote "directory" looking for side-car files: one request instead of several
            gdal.SetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        }
        try {
            return gdal.OpenEx(gdalPath, gdalconstConstants.OF_RASTER | gdalconstConstants.OF_READONLY
                    | gdalconstConstants.OF_VERBOSE_ERROR);
        } catch (RuntimeException e) {
            return null;
        } finally {
            if (remote) {
                gdal.SetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", null);
            }
        }
    }

    /** Describes an open dataset. */
    public static RasterInfo describe(Dataset ds, String gdalPath) {
        List<String> types = new ArrayList<>();
        List<Double> noData = new ArrayList<>();
        for (int b = 1; b <= ds.GetRasterCount(); b++) {
            Band band = ds.GetRasterBand(b);
            types.add(gdal.GetDataTypeName(band.getDataType()));
            Double[] nd = new Double[1];
            band.GetNoDataValue(nd);
            noData.add(nd[0]);
        }
        double[] gt = ds.GetGeoTransform();
        String wkt = ds.GetProjectionRef();
        wkt = wkt == null ? "" : wkt;
        boolean geographic = false;
        Geometry footprint = null;
        SpatialReference srs = Crs.fromWkt(wkt);
        if (srs != null) {
            geographic = srs.IsGeographic() == 1;
            footprint = footprint(gt, ds.getRasterXSize(), ds.getRasterYSize(), srs);
            srs.delete();
        }
        return new RasterInfo(gdalPath, ds.getRasterXSize(), ds.getRasterYSize(), ds.GetRasterCount(), types, noData,
                gt, wkt, geographic, footprint);
    }

    /** The raster's outline in EPSG:4326, sampled along its edges; null when it cannot be transformed. */
    static Geometry footprint(double[] gt, int width, int height, SpatialReference srs) {
        SpatialReference wgs84 = Crs.parse(Crs.WGS84);
        CoordinateTransformation ct = Crs.transformation(srs, wgs84);
        try {
            if (ct == null) {
                return null;
            }
            List<Coordinate> ring = new ArrayList<>();
            double[][] corners = {{0, 0}, {width, 0}, {width, height}, {0, height}};
            for (int c = 0; c < 4; c++) {
                double[] a = corners[c];
                double[] b = corners[(c + 1) % 4];
                for (int i = 0; i < EDGE_SAMPLES; i++) {
                    double t = (double) i / EDGE_SAMPLES;
                    double px = a[0] + (b[0] - a[0]) * t;
                    double py = a[1] + (b[1] - a[1]) * t;
                    double x = gt[0] + px * gt[1] + py * gt[2];
                    double y = gt[3] + px * gt[4] + py * gt[5];
                    double[] lonLat = ct.TransformPoint(x, y);
                    if (lonLat == null || !Double.isFinite(lonLat[0]) || !Double.isFinite(lonLat[1])) {
                        return null;
                    }
                    ring.add(new Coordinate(lonLat[0], lonLat[1]));
                }
            }
            ring.add(new Coordinate(ring.get(0)));
            Geometry polygon = Geometries.FACTORY.createPolygon(ring.toArray(Coordinate[]::new));
            return polygon.isValid() ? polygon : polygon.buffer(0);
        } catch (RuntimeException e) {
            return null;
        } finally {
            if (ct != null) {
                ct.delete();
            }
            if (wgs84 != null) {
                wgs84.delete();
            }
        }
    }
}
