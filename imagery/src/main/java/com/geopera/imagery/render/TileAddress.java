package com.geopera.imagery.render;

/**
 * One tile of the WebMercatorQuad tile matrix set (XYZ: x to the east, y to the south, from the top-left corner),
 * with its bounds in EPSG:3857 metres.
 */
public record TileAddress(int z, int x, int y) {
    /** Half the width of the Web Mercator world in metres (π · 6378137). */
    public static final double ORIGIN = 20_037_508.342_789_244;
    /** Deepest zoom the matrix set is served to. */
    public static final int MAX_ZOOM = 30;

    /** True when the address names a tile of the matrix set (0 ≤ z ≤ 30, 0 ≤ x, y &lt; 2^z). */
    public boolean inMatrix() {
        if (z < 0 || z > MAX_ZOOM) {
            return false;
        }
        long n = 1L << z;
        return x >= 0 && y >= 0 && x < n && y < n;
    }

    /** {minx, miny, maxx, maxy} in EPSG:3857. */
    public double[] bounds() {
        double size = 2 * ORIGIN / (1L << z);
        double minx = -ORIGIN + x * size;
        double maxy = ORIGIN - y * size;
        return new double[] {minx, maxy - size, minx + size, maxy};
    }

    /** {minx, miny, maxx, maxy} in EPSG:3857 of a lon/lat box (latitudes clamped to the Web Mercator range). */
    public static double[] mercator(double west, double south, double east, double north) {
        return new double[] {lonToX(west), latToY(south), lonToX(east), latToY(north)};
    }

    /** True when the tile overlaps a box given in EPSG:3857. */
    public boolean overlaps(double[] box) {
        double[] b = bounds();
        return b[0] < box[2] && b[2] > box[0] && b[1] < box[3] && b[3] > box[1];
    }

    private static double lonToX(double lon) {
        return Math.max(-180, Math.min(180, lon)) / 180 * ORIGIN;
    }

    private static double latToY(double lat) {
        double clamped = Math.max(-85.051_128_779_806_6, Math.min(85.051_128_779_806_6, lat));
        return Math.log(Math.tan(Math.PI / 4 + Math.toRadians(clamped) / 2)) * 6_378_137.0;
    }
}
