package com.geopera.imagery.raster;

import com.geopera.common.error.InputErrorCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import java.util.function.Function;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * Opens rasters read-only — the one place user-supplied rasters are opened, for validation, estimates and runs — and
 * reports their structure and footprint, or why they could not be read.
 *
 * <p>Only {@link #ALLOWED_DRIVERS} may read a file: formats that name other files or URLs inside them (VRT, warped
 * VRT, WMS, WCS, GTI, STAC, MBTiles, …) would otherwise make GDAL read paths outside the input roots or fetch URLs
 * past the host checks, and some do so while being opened, before any check after the open could refuse them. Files
 * beside the input ({@code .ovr}, {@code .aux.xml}, {@code .msk}, world files) are not looked at either: a
 * {@code <input>.ovr} symlink would otherwise feed another file's pixels into the output as overviews.
 */
public final class RasterProbe {
    /**
     * GDAL drivers that may read an input (GeoTIFF and COG, JPEG 2000, PNG, JPEG): self-contained formats that the
     * processes need and that name no other file. The COG driver only writes; COGs are read by GTiff.
     */
    public static final List<String> ALLOWED_DRIVERS = List.of("GTiff", "JP2OpenJPEG", "PNG", "JPEG");

    private static final String ACCEPTED_FORMATS = "GeoTIFF/COG, JPEG 2000, PNG or JPEG";

    /** Points sampled along each edge of the raster to build its footprint. */
    private static final int EDGE_SAMPLES = 16;

    /**
     * The probe's answer: the raster's description, or a problem code and a message for the caller; {@code detail}
     * (GDAL's own error text, which can name paths, hosts and ports) is for the log only.
     */
    public record Result(RasterInfo info, String problemCode, String message, String detail) {
        public boolean isOk() {
            return info != null;
        }
    }

    private RasterProbe() {
    }

    /**
     * Describes the raster at {@code gdalPath}, or says why it cannot be read. A local file already described, and
     * unchanged since (path, size and modification time), is answered from {@link ProbeCache} without opening it.
     */
    public static Result probe(String gdalPath) {
        if (isPlainPath(gdalPath)) {
            return ProbeCache.probe(gdalPath, RasterProbe::probeOnce);
        }
        return probeOnce(gdalPath);
    }

    private static Result probeOnce(String gdalPath) {
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
            String detail = "GDAL could not open it with " + ALLOWED_DRIVERS + ": " + Gdal.lastError();
            if (isRemote(gdalPath)) {
                // remote failures are network failures as often as format ones; the caller learns neither
                return new Result(null, InputErrorCodes.INPUT_UNREADABLE, "the image could not be read from its URL",
                        detail);
            }
            return new Result(null, InputErrorCodes.NOT_A_RASTER, "not an image in an accepted format ("
                    + ACCEPTED_FORMATS + ")", detail);
        }
        try {
            if (ds.GetRasterCount() == 0) {
                return new Result(null, InputErrorCodes.NOT_A_RASTER, "the image has no raster bands", null);
            }
            return new Result(describe(ds, gdalPath), null, null, null);
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

    /**
     * Opens a raster read-only with the allowed drivers only and without looking at the files beside it; null (with
     * GDAL's error set) when it cannot, or when the path is neither a plain absolute path nor an http(s) URL under
     * {@code /vsicurl/} (every other {@code /vsi…} prefix is refused).
     */
    public static Dataset open(String gdalPath) {
        if (!isPlainPath(gdalPath) && !isRemote(gdalPath)) {
            gdal.Error(gdalconstConstants.CE_Failure, gdalconstConstants.CPLE_AppDefined,
                    "refused path: neither a local absolute path nor /vsicurl/http(s)://");
            return null;
        }
        String readDir = gdal.GetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", null);
        // no directory listing and no side-car lookup: GDAL then takes the input's directory to be empty
        gdal.SetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        try {
            Dataset ds = gdal.OpenEx(gdalPath, gdalconstConstants.OF_RASTER | gdalconstConstants.OF_READONLY
                    | gdalconstConstants.OF_VERBOSE_ERROR, new Vector<>(ALLOWED_DRIVERS));
            if (ds != null && !ALLOWED_DRIVERS.contains(ds.GetDriver().getShortName())) {
                ds.delete();
                return null;
            }
            return ds;
        } catch (RuntimeException e) {
            return null;
        } finally {
            gdal.SetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", readDir);
        }
    }

    private static boolean isRemote(String gdalPath) {
        return gdalPath.startsWith("/vsicurl/http://") || gdalPath.startsWith("/vsicurl/https://");
    }

    private static boolean isPlainPath(String gdalPath) {
        return gdalPath.startsWith("/") && !gdalPath.startsWith("/vsi");
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
