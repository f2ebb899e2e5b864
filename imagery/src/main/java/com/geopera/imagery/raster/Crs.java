package com.geopera.imagery.raster;

import java.util.regex.Pattern;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;
import org.gdal.osr.osr;
import org.gdal.osr.osrConstants;

/** Coordinate reference systems: parsing user input safely, EPSG codes, and lon/lat-ordered transformations. */
public final class Crs {
    /** Authority codes (EPSG:3857, OGC:CRS84, ESRI:54009); never a file name or URL, which GDAL would read. */
    private static final Pattern AUTHORITY_CODE = Pattern.compile("(?i)(EPSG|ESRI|OGC|IAU_2015):[A-Za-z0-9]+");
    private static final Pattern WKT = Pattern.compile("(?s)^\\s*[A-Z][A-Z0-9_]*\\s*\\[.*\\]\\s*$");

    /** Equal-area CRS used to measure areas (WGS 84 / NSIDC EASE-Grid 2.0 Global). */
    public static final String EQUAL_AREA = "EPSG:6933";
    public static final String WGS84 = "EPSG:4326";
    public static final String WEB_MERCATOR = "EPSG:3857";

    private Crs() {
    }

    /** A CRS from user input, with x = easting/longitude axis order; null when it is not one. */
    public static SpatialReference parse(String text) {
        if (text == null || !(AUTHORITY_CODE.matcher(text.strip()).matches() || WKT.matcher(text).matches())) {
            return null;
        }
        SpatialReference srs = new SpatialReference();
        org.gdal.gdal.gdal.PushErrorHandler("CPLQuietErrorHandler");
        try {
            if (srs.SetFromUserInput(text.strip()) != 0) {
                srs.delete();
                return null;
            }
        } catch (RuntimeException e) {
            srs.delete();
            return null;
        } finally {
            org.gdal.gdal.gdal.PopErrorHandler();
        }
        srs.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
        return srs;
    }

    /** A CRS from a dataset's WKT, with x = easting/longitude; null when the WKT is empty or unreadable. */
    public static SpatialReference fromWkt(String wkt) {
        if (wkt == null || wkt.isBlank()) {
            return null;
        }
        SpatialReference srs = new SpatialReference();
        try {
            if (srs.ImportFromWkt(wkt) != 0) {
                srs.delete();
                return null;
            }
        } catch (RuntimeException e) {
            srs.delete();
            return null;
        }
        srs.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
        return srs;
    }

    /** A transformation between two CRSs (both with traditional axis order); null when none exists. */
    public static CoordinateTransformation transformation(SpatialReference from, SpatialReference to) {
        // "no transformation" is an answer callers handle, not an error for the log
        org.gdal.gdal.gdal.PushErrorHandler("CPLQuietErrorHandler");
        try {
            return osr.CreateCoordinateTransformation(from, to);
        } catch (RuntimeException e) {
            return null;
        } finally {
            org.gdal.gdal.gdal.PopErrorHandler();
        }
    }

    /** {@code EPSG:<code>} when the CRS is identified as an EPSG one, else null. */
    public static String epsg(SpatialReference srs) {
        if (srs == null) {
            return null;
        }
        try {
            srs.AutoIdentifyEPSG();
        } catch (RuntimeException e) {
            // not identifiable: fall through to whatever authority it already carries
        }
        String name = srs.GetAuthorityName(null);
        String code = srs.GetAuthorityCode(null);
        return "EPSG".equalsIgnoreCase(name) && code != null ? "EPSG:" + code : null;
    }

    public static String wkt(SpatialReference srs) {
        return srs.ExportToWkt();
    }
}
