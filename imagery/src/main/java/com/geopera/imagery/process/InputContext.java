package com.geopera.imagery.process;

import com.geopera.common.error.InputErrorCodes;
import com.geopera.imagery.input.GeoJsonGeometries;
import com.geopera.imagery.input.InputResolver;
import com.geopera.imagery.input.Problems;
import com.geopera.imagery.input.ValidInputs;
import com.geopera.imagery.raster.Crs;
import com.geopera.imagery.raster.RasterInfo;
import com.geopera.imagery.raster.RasterProbe;
import org.gdal.osr.SpatialReference;
import org.locationtech.jts.geom.Geometry;

/** Deep checks shared by the processes: opening the image behind a URI, band indexes, AOIs and CRSs. */
public final class InputContext {
    private final InputResolver resolver;

    public InputContext(InputResolver resolver) {
        this.resolver = resolver;
    }

    /** Resolves and probes the image input; null (with a problem) when it cannot be read. */
    public RasterInfo image(ValidInputs in, String name, Problems problems) {
        if (!in.isValid(name)) {
            return null;
        }
        String pointer = Problems.pointer(name);
        InputResolver.Resolution r = resolver.resolve(in.string(name));
        if (!r.isOk()) {
            problems.add(r.problemCode(), pointer, r.message(), r.detail());
            return null;
        }
        RasterProbe.Result probe = RasterProbe.probe(r.gdalPath());
        if (!probe.isOk()) {
            problems.add(probe.problemCode(), pointer, probe.message(),
                    probe.detail() == null ? null : redacted(r.gdalPath()) + ": " + probe.detail());
            return null;
        }
        return probe.info();
    }

    /** The input as the log may show it: a URL without its query, which often carries a signature or token. */
    private static String redacted(String gdalPath) {
        int query = gdalPath.indexOf('?');
        return gdalPath.startsWith("/vsicurl/") && query >= 0 ? gdalPath.substring(0, query) : gdalPath;
    }

    /** Reports a band index beyond the image's band count. */
    public void band(ValidInputs in, String name, RasterInfo image, Problems problems) {
        Integer band = in.integer(name);
        if (image != null && band != null && in.isUsable(name) && band > image.bandCount()) {
            problems.add(InputErrorCodes.BAND_OUT_OF_RANGE, Problems.pointer(name),
                    "band " + band + " does not exist: the image has " + image.bandCount() + " band(s)");
        }
    }

    /** Reports an image whose position on Earth is unknown; true when it is known. */
    public boolean georeferenced(RasterInfo image, String imageName, Problems problems, String why) {
        if (image == null) {
            return false;
        }
        if (image.footprint4326() == null) {
            problems.add(InputErrorCodes.UNKNOWN_CRS, Problems.pointer(imageName),
                    "the image has no coordinate reference system that maps to longitude/latitude, " + why);
            return false;
        }
        return true;
    }

    /** Parses a polygonal AOI and checks it overlaps the image; null (with a problem) otherwise. */
    public Geometry aoi(ValidInputs in, String name, RasterInfo image, boolean imageGeoreferenced, Problems problems) {
        if (!in.isValid(name)) {
            return null;
        }
        String pointer = Problems.pointer(name);
        Geometry aoi = GeoJsonGeometries.polygonal(in.node(name), pointer, problems);
        if (aoi == null || !imageGeoreferenced) {
            return null;
        }
        if (!aoi.intersects(image.footprint4326()) || aoi.intersection(image.footprint4326()).getArea() == 0) {
            problems.add(InputErrorCodes.AOI_OUTSIDE_FOOTPRINT, pointer, "the area of interest does not overlap the image");
            return null;
        }
        return aoi;
    }

    /** Checks a CRS input can be used; reports unknown_crs otherwise. */
    public String crs(ValidInputs in, String name, Problems problems) {
        if (!in.isValid(name)) {
            return null;
        }
        String text = in.string(name);
        SpatialReference srs = Crs.parse(text);
        if (srs == null) {
            problems.add(InputErrorCodes.UNKNOWN_CRS, Problems.pointer(name),
                    "unknown CRS '" + text + "': use EPSG:<code>, OGC:CRS84 or WKT");
            return null;
        }
        srs.delete();
        return text.strip();
    }
}
