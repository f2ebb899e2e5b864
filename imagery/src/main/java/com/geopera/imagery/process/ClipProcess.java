package com.geopera.imagery.process;

import com.geopera.imagery.input.GeoJsonGeometries;
import com.geopera.imagery.input.InputSpec;
import com.geopera.imagery.input.Param;
import com.geopera.imagery.input.Problems;
import com.geopera.imagery.input.ValidInputs;
import com.geopera.imagery.raster.CogWriter;
import com.geopera.imagery.raster.Geometries;
import com.geopera.imagery.raster.RasterInfo;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/** Cuts an image to a GeoJSON area of interest; pixels outside it become nodata; optional target CRS and resolution. */
public final class ClipProcess extends DescribedProcess {
    public static final String ID = "clip";

    private static final InputSpec INPUTS = new InputSpec(List.of(
            Param.image("image", "URI of the image to clip: file: under an input root, or http(s):// on an allowed host"),
            Param.polygon("aoi", "Area of interest",
                    "GeoJSON Polygon or MultiPolygon (or a Feature of one) in EPSG:4326 longitude/latitude", true),
            Param.crs("output_crs", "Output CRS", "CRS of the output (EPSG:<code>, OGC:CRS84 or WKT); default: the image's", false),
            Param.number("resolution", "Resolution", "Output pixel size in output-CRS units; default: the image's",
                    false, 0d, true, null, null)));

    public ClipProcess() {
        super(Descriptions.of(ID, "Clip",
                "Cuts an image to an area of interest. Pixels outside the area become nodata; the output is a Cloud "
                        + "Optimized GeoTIFF covering the area's intersection with the image.",
                List.of("clip", "aoi", "cog"), "clip", INPUTS, "The clipped image as a Cloud Optimized GeoTIFF"), INPUTS);
    }

    @Override
    public PreparedRun prepare(ValidInputs in, InputContext context, Problems problems) {
        int before = problems.size();
        RasterInfo image = context.image(in, "image", problems);
        boolean georeferenced = context.georeferenced(image, "image", problems, "so it cannot be clipped to an AOI");
        Geometry aoi = context.aoi(in, "aoi", image, georeferenced, problems);
        String outputCrs = context.crs(in, "output_crs", problems);
        if (problems.size() > before || image == null || aoi == null) {
            return null;
        }
        String aoiJson = GeoJsonGeometries.toGeoJson(aoi);
        ClipWarp.Plan plan = ClipWarp.plan(image, aoi, aoiJson, outputCrs, in.number("resolution"));
        Basis basis = new Basis(Geometries.areaKm2(aoi.intersection(image.footprint4326())),
                plan.outputSize(image.gdalPath()).pixels(), image.bandCount());
        return new WarpThenCog(image, plan.args(), basis, CogWriter.DEFAULT_COMPRESSION, Map.of());
    }
}
