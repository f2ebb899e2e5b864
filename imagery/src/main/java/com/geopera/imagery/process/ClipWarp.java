package com.geopera.imagery.process;

import com.geopera.imagery.raster.Crs;
import com.geopera.imagery.raster.Geometries;
import com.geopera.imagery.raster.RasterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The {@code gdalwarp} arguments that cut an image to an AOI (GeoJSON, EPSG:4326): the AOI is the cutline (pixels
 * outside become nodata) and the output extent is AOI ∩ footprint. Without a target CRS the extent is computed in
 * the image's CRS and snapped outward to its pixel grid, so kept pixels are copied, not resampled. With a target
 * CRS the extent is given in EPSG:4326 with {@code -te_srs} (without it gdalwarp would read the lon/lat numbers
 * as target-CRS coordinates).
 * <p>
 * The plan carries the output size when the arguments fix it without a reprojection (north-up image, no target
 * CRS: an explicit extent and resolution, see {@link GdalwarpGrid}); otherwise (a target CRS, a rotated grid,
 * {@code -crop_to_cutline}) GDAL plans the warp to learn it.
 */
public final class ClipWarp {
    /** Slack (in pixels) when snapping an extent to the grid, so that float noise does not add a pixel. */
    private static final double SNAP_EPSILON = 1e-6;

    private ClipWarp() {
    }

    /**
     * The arguments of one clip warp and, when they fix it without GDAL, its output size.
     *
     * @param size empty when only GDAL can tell (target CRS, rotated grid, crop to the cutline)
     */
    public record Plan(List<String> args, Optional<GridSize> size) {
        public Plan {
            args = List.copyOf(args);
        }

        /** The output size: the known one, else what GDAL plans for these arguments (a virtual warp). */
        public GridSize outputSize(String sourcePath) {
            return size.orElseGet(() -> Warps.outputSize(sourcePath, args));
        }
    }

    /** The warp that clips {@code image} to {@code aoi} (EPSG:4326), into {@code outputCrs} and {@code resolution} if given. */
    public static Plan plan(RasterInfo image, Geometry aoi, String aoiGeoJson, String outputCrs, Double resolution) {
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
            return new Plan(args, Optional.empty());
        }
        Envelope e = image.northUp() ? Geometries.envelopeIn(inside, image.wkt()) : null;
        if (e == null) {
            args.add("-crop_to_cutline");
            if (resolution != null) {
                args.addAll(List.of("-tr", num(resolution), num(resolution)));
            }
            return new Plan(args, Optional.empty());
        }
        if (resolution != null) {
            args.addAll(List.of("-te", num(e.getMinX()), num(e.getMinY()), num(e.getMaxX()), num(e.getMaxY()),
                    "-tr", num(resolution), num(resolution), "-tap"));
            return new Plan(args, GdalwarpGrid.size(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(),
                    resolution, resolution, true));
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
        double minX = gt[0] + col0 * rx;
        double minY = gt[3] - row1 * ry;
        double maxX = gt[0] + col1 * rx;
        double maxY = gt[3] - row0 * ry;
        args.addAll(List.of("-te", num(minX), num(minY), num(maxX), num(maxY), "-tr", num(rx), num(ry)));
        return new Plan(args, GdalwarpGrid.size(minX, minY, maxX, maxY, rx, ry, false));
    }

    /** A number as text that gdalwarp reads back as the same double (integers without ".0"). */
    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
