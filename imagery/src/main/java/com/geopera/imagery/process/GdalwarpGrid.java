package com.geopera.imagery.process;

import java.util.Optional;

/**
 * The output size {@code gdalwarp} gives to an explicit extent and resolution ({@code -te … -tr xres yres}, with
 * or without {@code -tap}), computed by gdalwarp's own rule (apps/gdalwarp_lib.cpp, GDALWarpCreateOutput) so that
 * an estimate need not ask GDAL to plan the warp:
 * <ul>
 * <li>{@code -tap} first moves the extent outward to multiples of the resolution:
 * {@code minX = floor(minX / xres) · xres}, {@code maxX = ceil(maxX / xres) · xres}, the same in y;</li>
 * <li>then {@code width = (int) ((maxX − minX + xres / 2) / xres)}, {@code height} likewise.</li>
 * </ul>
 * Newer GDAL (the fix of OSGeo/gdal#9059) floors and ceils with a slack of 1e-8; where that slack would change the
 * aligned edge (an edge within 1e-8 pixel of a multiple of the resolution) the size is left to GDAL, as it is for
 * non-positive resolutions and sizes outside 1 … {@link Integer#MAX_VALUE}. {@code ClipWarpTest} checks these
 * sizes against the GDAL the engine links.
 */
final class GdalwarpGrid {
    /** The slack newer gdalwarp uses when aligning an extent to the resolution ({@code -tap}). */
    private static final double NEWER_TAP_SLACK = 1e-8;

    private GdalwarpGrid() {
    }

    /** The size gdalwarp gives to {@code -te minX minY maxX maxY -tr xRes yRes [-tap]}, or empty to ask GDAL. */
    static Optional<GridSize> size(double minX, double minY, double maxX, double maxY, double xRes, double yRes,
                                   boolean targetAligned) {
        if (!(xRes > 0) || !(yRes > 0)) {
            return Optional.empty();
        }
        double x0 = minX;
        double x1 = maxX;
        double y0 = minY;
        double y1 = maxY;
        if (targetAligned) {
            x0 = alignedDown(minX, xRes);
            x1 = alignedUp(maxX, xRes);
            y0 = alignedDown(minY, yRes);
            y1 = alignedUp(maxY, yRes);
            if (Double.isNaN(x0) || Double.isNaN(x1) || Double.isNaN(y0) || Double.isNaN(y1)) {
                return Optional.empty();
            }
        }
        double width = Math.floor((x1 - x0 + xRes / 2.0) / xRes);
        double height = Math.floor((y1 - y0 + yRes / 2.0) / yRes);
        if (!(width >= 1 && width <= Integer.MAX_VALUE && height >= 1 && height <= Integer.MAX_VALUE)) {
            return Optional.empty();
        }
        return Optional.of(new GridSize((int) width, (int) height));
    }

    /** {@code floor(v / res) · res}, or NaN where newer gdalwarp's slack gives another multiple. */
    private static double alignedDown(double v, double res) {
        double k = Math.floor(v / res);
        return k == Math.floor(v / res + NEWER_TAP_SLACK) ? k * res : Double.NaN;
    }

    /** {@code ceil(v / res) · res}, or NaN where newer gdalwarp's slack gives another multiple. */
    private static double alignedUp(double v, double res) {
        double k = Math.ceil(v / res);
        return k == Math.ceil(v / res - NEWER_TAP_SLACK) ? k * res : Double.NaN;
    }
}
