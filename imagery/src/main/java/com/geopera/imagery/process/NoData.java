package com.geopera.imagery.process;

import com.geopera.imagery.raster.RasterInfo;

/**
 * The nodata value of an output: the image's own when it has one, else a per-type value chosen to be rare in
 * real data (0 for unsigned integers, the type's minimum for signed ones, -9999 for floating point).
 */
public final class NoData {
    /** Nodata of the Float32 outputs the engine computes itself (NDVI, depth). */
    public static final float FLOAT_OUTPUT = -9999f;

    private NoData() {
    }

    public static double of(RasterInfo image) {
        Double own = image.noData().isEmpty() ? null : image.noData().get(0);
        if (own != null && Double.isFinite(own)) {
            return own;
        }
        return switch (image.dataTypes().get(0)) {
            case "Int8" -> -128;
            case "Int16" -> -32768;
            case "Int32" -> Integer.MIN_VALUE;
            case "Float32", "Float64", "CFloat32", "CFloat64" -> FLOAT_OUTPUT;
            default -> 0;
        };
    }
}
