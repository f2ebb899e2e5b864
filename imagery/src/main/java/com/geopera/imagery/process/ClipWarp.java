package com.geopera.imagery.process;

import com.geopera.imagery.raster.Crs;
import com.geopera.imagery.raster.Geometries;
import com.geopera.imagery.raster.RasterInfo;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The {@code gdalwarp} arguments that cut an image to an AOI (GeoJSON, EPSG:4326): the AOI is the cutline (pixels
 * outside become nodata) and the output extent is AOI ∩ footprint. Without a target CRS the extent is computed in
 * the image's CRS and snapped outward to its pixel grid, so kept pixels are copied, not resampled. With a target
 * CRS the extent is given in EPSG:4326 with {@code -te_srs} (without it gdalwarp would read the lon/lat numbers
 * as target-CRS coordinates).
 */
public final class ClipWarp {
    /** Slack (in pixels) when snapping an extent to the grid, so that float noise does not add a pixel. */
    private static final double SNAP_EPSILON = 1e-6;

    private ClipWarp() {
    }

    public static List<String> args(RasterInfo image, Geometry aoi, String aoiGeoJson, String outputCrs,
                                    Double resolution) {
        Geometry inside = aoi.intersection(image.footprint4326());
        List<String> args = new ArrayList<>(List.of("-cutline", aoiGeoJson,
                "-dstnodata", num(NoData.of(image)), "-r", "near"));
        if (outputCrs != null) {
            Envelope e = inside.getEnvelopeInternal();
            args.addAll(List.of("-t_srs", outputCrs,
                    "-te", num(e.getMinX()), num(e.getMinY()), num(e.getMaxX()), num(e.getMaxY()),
                    "-te_srs", Crs.WGS84));
            if (resolution != null) {
                args.addAll(List.of("-tr", num(resolution), num(resolution)));
            }
            return args;
        }
        Envelope e = image.northUp() ? Geometries.envelopeIn(inside, image.wkt()) : null;
        if (e == null) {
            args.add("-crop_to_cutline");
            if (resolution != null) {
                args.addAll(List.of("-tr", num(resolution), num(resolution)));
            }
            return args;
        }
        if (resolution != null) {
            args.addAll(List.of("-te", num(e.getMinX()), num(e.getMinY()), num(e.getMaxX()), num(e.getMaxY()),
                    "-tr", num(resolution), num(resolution), "-tap"));
            return args;
        }
        double[] gt = image.geoTransform();
        double rx = gt[1];
        double ry = -gt[5];
        double col0 = Math.max(0, Math.floor((e.getMinX() - gt[0]) / rx + SNAP_EPSILON));
        double col1 = Math.min(image.width(), Math.ceil((e.getMaxX() - gt[0]) / rx - SNAP_EPSILON));
        double row0 = Math.max(0, Math.floor((gt[3] - e.getMaxY()) / ry + SNAP_EPSILON));
        double row1 = Math.min(image.height(), Math.ceil((gt[3] - e.getMinY()) / ry - SNAP_EPSILON));
        col1 = Math.max(col1, col0 + 1);
        row1 = Math.max(row1, row0 + 1);
        args.addAll(List.of("-te", num(gt[0] + col0 * rx), num(gt[3] - row1 * ry), num(gt[0] + col1 * rx),
                num(gt[3] - row0 * ry), "-tr", num(rx), num(ry)));
        return args;
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
