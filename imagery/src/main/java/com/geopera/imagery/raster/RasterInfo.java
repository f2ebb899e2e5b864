package com.geopera.imagery.raster;

import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * What probing a raster revealed: size, bands, grid, CRS and its footprint in EPSG:4326 (null when the raster
 * has no CRS or one that cannot be transformed to longitude/latitude).
 *
 * @param gdalPath     the path GDAL opens it by
 * @param geoTransform GDAL geotransform (origin x, pixel width, row rotation, origin y, column rotation, pixel height)
 * @param wkt          the CRS as WKT, empty when the raster has none
 * @param dataTypes    GDAL data type name of each band
 * @param noData       nodata value of each band, null where none is set
 */
public record RasterInfo(
        String gdalPath,
        int width,
        int height,
        int bandCount,
        List<String> dataTypes,
        List<Double> noData,
        double[] geoTransform,
        String wkt,
        boolean geographic,
        Geometry footprint4326) {

    public RasterInfo {
        dataTypes = List.copyOf(dataTypes);
        noData = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(noData));
        geoTransform = geoTransform.clone();
    }

    @Override
    public double[] geoTransform() {
        return geoTransform.clone();
    }

    public boolean hasCrs() {
        return !wkt.isBlank();
    }

    /** True when the grid is north-up (no rotation terms). */
    public boolean northUp() {
        return geoTransform[2] == 0 && geoTransform[4] == 0;
    }

    public long pixels() {
        return (long) width * height;
    }
}
