package com.geopera.imagery.raster;

import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;

/**
 * The web-map (EPSG:3857, 256-pixel tiles) zoom range of a raster: the max zoom is the first whose pixel is no
 * larger than the raster's pixel measured in Web Mercator at the raster's centre; the min zoom is where the
 * whole raster fits in about one tile.
 */
public final class WebZoom {
    /** Web Mercator metres per pixel at zoom 0 (2π · 6378137 / 256). */
    private static final double ZOOM0_METRES_PER_PIXEL = 156_543.033_928_041;
    private static final int TILE_SIZE = 256;
    private static final int MAX_ZOOM = 24;

    public record Range(int minZoom, int maxZoom) {
    }

    private WebZoom() {
    }

    public static Range of(double[] gt, int width, int height, SpatialReference srs) {
        SpatialReference mercator = Crs.parse(Crs.WEB_MERCATOR);
        CoordinateTransformation ct = Crs.transformation(srs, mercator);
        try {
            if (ct == null) {
                return null;
            }
            double cx = gt[0] + width / 2.0 * gt[1] + height / 2.0 * gt[2];
            double cy = gt[3] + width / 2.0 * gt[4] + height / 2.0 * gt[5];
            double[] c = ct.TransformPoint(cx, cy);
            double[] dx = ct.TransformPoint(cx + gt[1], cy + gt[4]);
            double[] dy = ct.TransformPoint(cx + gt[2], cy + gt[5]);
            double rx = Math.hypot(dx[0] - c[0], dx[1] - c[1]);
            double ry = Math.hypot(dy[0] - c[0], dy[1] - c[1]);
            double pixelMetres = Math.min(rx, ry);
            if (!(pixelMetres > 0) || !Double.isFinite(pixelMetres)) {
                return null;
            }
            int maxZoom = clamp((int) Math.ceil(log2(ZOOM0_METRES_PER_PIXEL / pixelMetres)));
            int span = (int) Math.ceil(log2(Math.max(width, height) / (double) TILE_SIZE));
            int minZoom = clamp(maxZoom - Math.max(0, span));
            return new Range(minZoom, maxZoom);
        } catch (RuntimeException e) {
            return null;
        } finally {
            if (ct != null) {
                ct.delete();
            }
            mercator.delete();
        }
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private static int clamp(int zoom) {
        return Math.max(0, Math.min(MAX_ZOOM, zoom));
    }
}
