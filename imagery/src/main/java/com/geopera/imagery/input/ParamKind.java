package com.geopera.imagery.input;

/** The JSON shape of a process input. */
public enum ParamKind {
    /** A URI string naming a raster: {@code file:} under an input root or {@code http(s)://} on an allowed host. */
    IMAGE,
    INTEGER,
    NUMBER,
    /** A string, optionally restricted to an enumeration. */
    STRING,
    /** A coordinate reference system: {@code EPSG:<code>}, {@code OGC:CRS84} or WKT. */
    CRS,
    /** A GeoJSON Polygon or MultiPolygon (or a Feature holding one) in EPSG:4326 longitude/latitude. */
    POLYGON,
    /** A GeoJSON FeatureCollection of Points, each with a numeric {@code depth} property (metres). */
    POINTS
}
