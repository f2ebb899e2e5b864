package com.geopera.imagery.process;

import com.geopera.imagery.raster.Geometries;
import com.geopera.imagery.raster.RasterInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quantities credits are computed from.
 *
 * @param areaKm2 area processed: AOI ∩ image footprint, or the whole footprint without AOI (0 without a CRS)
 * @param pixels  output pixels (per band)
 * @param bands   bands read or written per pixel
 */
public record Basis(double areaKm2, long pixels, int bands) {

    /** The basis of a run over all of {@code image}'s footprint and pixels. */
    public static Basis wholeImage(RasterInfo image, int bands) {
        return new Basis(Geometries.areaKm2(image.footprint4326()), image.pixels(), bands);
    }

    public Map<String, Object> toMap(String processId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("process_id", processId);
        m.put("area_km2", Math.round(areaKm2 * 1000d) / 1000d);
        m.put("pixels", pixels);
        m.put("bands", bands);
        return m;
    }
}
