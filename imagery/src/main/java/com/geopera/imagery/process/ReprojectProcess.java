package com.geopera.imagery.process;

import com.geopera.imagery.input.InputSpec;
import com.geopera.imagery.input.Param;
import com.geopera.imagery.input.Problems;
import com.geopera.imagery.input.ValidInputs;
import com.geopera.imagery.raster.CogWriter;
import com.geopera.imagery.raster.Geometries;
import com.geopera.imagery.raster.RasterInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reprojects an image to another CRS, optionally at a given resolution and with a chosen resampling. */
public final class ReprojectProcess extends DescribedProcess {
    public static final String ID = "reproject";
    public static final List<String> RESAMPLINGS =
            List.of("near", "bilinear", "cubic", "cubicspline", "lanczos", "average", "mode", "min", "max", "med");

    private static final InputSpec INPUTS = new InputSpec(List.of(
            Param.image("image", "URI of the image to reproject: file: under an input root, or http(s):// on an allowed host"),
            Param.crs("target_crs", "Target CRS", "CRS of the output: EPSG:<code>, OGC:CRS84 or WKT", true),
            Param.number("resolution", "Resolution", "Output pixel size in target-CRS units; default: chosen by GDAL "
                    + "to keep the image's detail", false, 0d, true, null, null),
            Param.choice("resampling", "Resampling", "Resampling method", RESAMPLINGS, "near")));

    public ReprojectProcess() {
        super(Descriptions.of(ID, "Reproject",
                "Reprojects an image to a target coordinate reference system and writes a Cloud Optimized GeoTIFF.",
                List.of("reproject", "warp", "crs"), "conversion", INPUTS, "The reprojected image as a Cloud Optimized GeoTIFF"), INPUTS);
    }

    @Override
    public PreparedRun prepare(ValidInputs in, InputContext context, Problems problems) {
        int before = problems.size();
        RasterInfo image = context.image(in, "image", problems);
        context.georeferenced(image, "image", problems, "so it cannot be reprojected");
        String target = context.crs(in, "target_crs", problems);
        if (problems.size() > before || image == null || target == null || in.string("resampling") == null) {
            return null;
        }
        List<String> args = new ArrayList<>(List.of("-t_srs", target, "-r", in.string("resampling"),
                "-dstnodata", ClipWarp.num(NoData.of(image))));
        Double resolution = in.number("resolution");
        if (resolution != null) {
            args.addAll(List.of("-tr", ClipWarp.num(resolution), ClipWarp.num(resolution)));
        }
        Basis basis = new Basis(Geometries.areaKm2(image.footprint4326()), Warps.outputSize(image.gdalPath(), args).pixels(),
                image.bandCount());
        return new WarpThenCog(image, args, basis, CogWriter.DEFAULT_COMPRESSION, Map.of());
    }
}
