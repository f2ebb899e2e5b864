package com.geopera.imagery.raster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;

/**
 * The STAC-item-like record of one output raster: bbox in EPSG:4326, CRS, size, grid, data type, nodata,
 * per-band statistics and the web-tile zoom range; the data behind {@code job.tile_info}.
 */
public final class OutputMetadata {
    /** Rasters larger than this many pixels get statistics from their overviews (flagged approximate). */
    public static final long EXACT_STATISTICS_MAX_PIXELS = 16L * 1024 * 1024;

    private OutputMetadata() {
    }

    /** Reads the written file (without leaving a {@code .aux.xml} beside it) and describes it. */
    public static Map<String, Object> describe(Path raster) {
        gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
        Dataset ds = RasterProbe.open(raster.toString());
        try {
            if (ds == null) {
                throw Gdal.failure("reading the output back failed");
            }
            return describe(ds);
        } finally {
            if (ds != null) {
                ds.delete();
            }
            gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", null);
        }
    }

    private static Map<String, Object> describe(Dataset ds) {
        int width = ds.getRasterXSize();
        int height = ds.getRasterYSize();
        double[] gt = ds.GetGeoTransform();
        String wkt = ds.GetProjectionRef() == null ? "" : ds.GetProjectionRef();
        boolean approx = (long) width * height > EXACT_STATISTICS_MAX_PIXELS;

        Map<String, Object> m = new LinkedHashMap<>();
        SpatialReference srs = Crs.fromWkt(wkt);
        try {
            if (srs != null) {
                double[] bbox = bbox4326(gt, width, height, srs);
                if (bbox != null) {
                    m.put("bbox", List.of(bbox[0], bbox[1], bbox[2], bbox[3]));
                }
                String epsg = Crs.epsg(srs);
                m.put("crs", epsg != null ? epsg : wkt);
                m.put("proj:epsg", epsg == null ? null : Integer.parseInt(epsg.substring("EPSG:".length())));
                m.put("proj:wkt2", wkt);
                WebZoom.Range zoom = WebZoom.of(gt, width, height, srs);
                if (zoom != null) {
                    m.put("minzoom", zoom.minZoom());
                    m.put("maxzoom", zoom.maxZoom());
                }
            }
        } finally {
            if (srs != null) {
                srs.delete();
            }
        }
        m.put("width", width);
        m.put("height", height);
        m.put("proj:shape", List.of(height, width));
        m.put("proj:transform", List.of(gt[1], gt[2], gt[0], gt[4], gt[5], gt[3]));
        m.put("resolution", List.of(Math.abs(gt[1]), Math.abs(gt[5])));
        m.put("band_count", ds.GetRasterCount());

        List<Map<String, Object>> bands = new ArrayList<>();
        for (int b = 1; b <= ds.GetRasterCount(); b++) {
            Band band = ds.GetRasterBand(b);
            Map<String, Object> bm = new LinkedHashMap<>();
            bm.put("band", b);
            bm.put("data_type", gdal.GetDataTypeName(band.getDataType()));
            Double[] nd = new Double[1];
            band.GetNoDataValue(nd);
            bm.put("nodata", nd[0] == null || !Double.isFinite(nd[0]) ? null : nd[0]);
            bm.put("statistics", RasterStatistics.of(band, approx));
            bands.add(bm);
        }
        m.put("data_type", bands.isEmpty() ? null : bands.get(0).get("data_type"));
        m.put("nodata", bands.isEmpty() ? null : bands.get(0).get("nodata"));
        m.put("statistics_approximate", approx);
        m.put("bands", bands);
        return m;
    }

    private static double[] bbox4326(double[] gt, int width, int height, SpatialReference srs) {
        SpatialReference wgs84 = Crs.parse(Crs.WGS84);
        CoordinateTransformation ct = Crs.transformation(srs, wgs84);
        try {
            if (ct == null) {
                return null;
            }
            double x0 = gt[0];
            double x1 = gt[0] + width * gt[1] + height * gt[2];
            double y0 = gt[3];
            double y1 = gt[3] + width * gt[4] + height * gt[5];
            double[] out = new double[4];
            ct.TransformBounds(out, Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1), 21);
            for (double v : out) {
                if (!Double.isFinite(v)) {
                    return null;
                }
            }
            return out;
        } catch (RuntimeException e) {
            return null;
        } finally {
            if (ct != null) {
                ct.delete();
            }
            wgs84.delete();
        }
    }
}
