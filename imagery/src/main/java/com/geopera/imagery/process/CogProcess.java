package com.geopera.imagery.process;

import com.geopera.common.error.InputErrorCodes;
import com.geopera.imagery.input.InputSpec;
import com.geopera.imagery.input.Param;
import com.geopera.imagery.input.Problems;
import com.geopera.imagery.input.ValidInputs;
import com.geopera.imagery.raster.CogWriter;
import com.geopera.imagery.raster.RasterInfo;
import com.geopera.imagery.raster.RasterProbe;
import java.util.List;
import java.util.Map;

/** Converts any raster GDAL reads into a Cloud Optimized GeoTIFF with overviews. */
public final class CogProcess extends DescribedProcess {
    public static final String ID = "cog";

    private static final InputSpec INPUTS = new InputSpec(List.of(
            Param.image("image", "URI of the raster to convert: file: under an input root, or http(s):// on an allowed host"),
            Param.choice("compression", "Compression", "Compression of the COG's tiles; JPEG only for 8-bit images",
                    CogWriter.COMPRESSIONS, CogWriter.DEFAULT_COMPRESSION)));

    public CogProcess() {
        super(Descriptions.of(ID, "Convert to COG",
                "Converts a raster to a Cloud Optimized GeoTIFF: 512-pixel tiles, overviews, the chosen compression.",
                List.of("cog", "conversion", "overviews"), "conversion", INPUTS, "The raster as a Cloud Optimized GeoTIFF"), INPUTS);
    }

    @Override
    public PreparedRun prepare(ValidInputs in, InputContext context, Problems problems) {
        int before = problems.size();
        RasterInfo image = context.image(in, "image", problems);
        String compression = in.string("compression");
        if (image != null && "JPEG".equals(compression) && !image.dataTypes().stream().allMatch("Byte"::equals)) {
            problems.add(InputErrorCodes.NOT_ALLOWED_VALUE, Problems.pointer("compression"),
                    "JPEG compression needs 8-bit (Byte) bands; this image has " + image.dataTypes());
        }
        if (problems.size() > before || image == null || compression == null) {
            return null;
        }
        return new DeferredRun(Basis.wholeImage(image, image.bandCount()), ctx -> RasterProbe.withOpened(
                image.gdalPath(), "image", source -> ResultCog.write(source, compression, 0, ctx,
                        Map.of("compression", compression))));
    }
}
