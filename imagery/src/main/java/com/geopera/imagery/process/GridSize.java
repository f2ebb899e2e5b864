package com.geopera.imagery.process;

/** The width and height, in pixels, of the raster a warp writes. */
public record GridSize(int width, int height) {

    /** Pixels per band. */
    public long pixels() {
        return (long) width * height;
    }
}
