package com.geopera.ledger.billing;

import java.util.Map;

/**
 * Credits of one run: {@code ceil(baseCredits + creditsPerKm2 · area_km2 + creditsPerMegapixelBand · pixels · bands / 10⁶)}.
 *
 * @param baseCredits             charged for every run
 * @param creditsPerKm2           per square kilometre of the area processed (AOI ∩ image footprint)
 * @param creditsPerMegapixelBand per million output pixels per band
 */
public record CostModel(long baseCredits, double creditsPerKm2, double creditsPerMegapixelBand) {

    /** Used for a process the configuration names no model for. */
    public static final CostModel DEFAULT = new CostModel(1, 0.01, 0.5);

    public CostModel {
        if (baseCredits < 0 || creditsPerKm2 < 0 || creditsPerMegapixelBand < 0) {
            throw new IllegalArgumentException("cost parameters must be >= 0");
        }
    }

    /** Credits for the given quantities. */
    public long credits(double areaKm2, long pixels, int bands) {
        double megapixelBands = (double) pixels * Math.max(bands, 1) / 1_000_000d;
        return (long) Math.ceil(baseCredits + creditsPerKm2 * Math.max(areaKm2, 0) + creditsPerMegapixelBand * megapixelBands);
    }

    /** The default model of every process shipped with the engine. */
    public static Map<String, CostModel> defaults() {
        return Map.of(
                "clip", new CostModel(1, 0.01, 0.5),
                "bathymetry", new CostModel(5, 0.05, 2.0),
                "ndvi", new CostModel(2, 0.01, 1.0),
                "reproject", new CostModel(1, 0.005, 0.5),
                "cog", new CostModel(1, 0.0, 0.25),
                "hillshade", new CostModel(2, 0.01, 1.0));
    }
}
