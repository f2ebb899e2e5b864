package com.geopera.imagery.render;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How to draw an output: the bands (1 → greyscale or colormap, 3 → RGB), the value range of each band mapped to
 * 0…255, the colormap of a single band (null: greys), the resampling and the tile size in pixels.
 */
public record RenderParams(List<Integer> bidx, List<Range> rescale, String colormap, Resampling resampling,
                           int tileSize) {

    public RenderParams {
        bidx = List.copyOf(bidx);
        rescale = List.copyOf(rescale);
        if (rescale.size() != bidx.size()) {
            throw new IllegalArgumentException("one rescale range per band");
        }
    }

    /** A value range; values at {@code min} draw as 0, at {@code max} as 255. */
    public record Range(double min, double max) {
        @Override
        public String toString() {
            return num(min) + "," + num(max);
        }
    }

    /** GDAL resampling methods a tile may ask for. */
    public enum Resampling {
        NEAREST, BILINEAR, CUBIC;

        public String gdalName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Resampling of(String name) {
            for (Resampling r : values()) {
                if (r.gdalName().equals(name)) {
                    return r;
                }
            }
            return null;
        }
    }

    public RenderParams withTileSize(int size) {
        return new RenderParams(bidx, rescale, colormap, resampling, size);
    }

    /**
     * One canonical text of these parameters (same parameters → same text), used in ETags and in URLs:
     * {@code bidx=4,3,2&rescale=…&rescale=…&colormap=…&resampling=…&tilesize=…}.
     */
    public String canonical() {
        StringBuilder s = new StringBuilder("bidx=")
                .append(bidx.stream().map(String::valueOf).collect(Collectors.joining(",")));
        for (Range r : rescale) {
            s.append("&rescale=").append(r);
        }
        if (colormap != null) {
            s.append("&colormap=").append(colormap);
        }
        return s.append("&resampling=").append(resampling.gdalName()).append("&tilesize=").append(tileSize).toString();
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
