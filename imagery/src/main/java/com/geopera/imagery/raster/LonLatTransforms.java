package com.geopera.imagery.raster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;

/**
 * Transformations from lon/lat (WGS 84, x = longitude) to the CRSs a thread used lately, kept per thread: an estimate
 * of a small clip spent more of its CPU parsing the two CRSs and building PROJ's pipeline than transforming the AOI.
 * An OSR transformation is not safe to share between threads, so each thread keeps its own, the least recently used
 * deleted past {@link #PER_THREAD}. Keyed by the target's WKT as the raster reports it, so a changed file with
 * another CRS gets another transformation.
 */
final class LonLatTransforms {
    private static final int PER_THREAD = 8;

    private static final ThreadLocal<Map<String, CoordinateTransformation>> KEPT = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CoordinateTransformation> eldest) {
                    if (size() <= PER_THREAD) {
                        return false;
                    }
                    eldest.getValue().delete();
                    return true;
                }
            });

    private LonLatTransforms() {
    }

    /** From lon/lat to the CRS of {@code wkt}; null when the WKT is unreadable or no transformation exists. */
    static CoordinateTransformation toWkt(String wkt) {
        return kept("wkt:" + wkt, () -> Crs.fromWkt(wkt));
    }

    /** From lon/lat to a CRS named by an authority code such as {@link Crs#EQUAL_AREA}; null when none exists. */
    static CoordinateTransformation toCode(String code) {
        return kept("code:" + code, () -> Crs.parse(code));
    }

    private static CoordinateTransformation kept(String key, Supplier<SpatialReference> target) {
        Map<String, CoordinateTransformation> kept = KEPT.get();
        CoordinateTransformation ct = kept.get(key);
        if (ct != null) {
            return ct;
        }
        SpatialReference to = target.get();
        if (to == null) {
            return null;
        }
        SpatialReference wgs84 = Crs.parse(Crs.WGS84);
        try {
            ct = Crs.transformation(wgs84, to);
        } finally {
            wgs84.delete();
            to.delete();
        }
        if (ct != null) {
            kept.put(key, ct);
        }
        return ct;
    }
}
