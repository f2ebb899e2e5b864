package com.geopera.imagery.process;

import com.geopera.imagery.input.InputSpec;
import com.geopera.imagery.input.Param;
import com.geopera.imagery.input.Problems;
import com.geopera.imagery.input.ValidInputs;
import com.geopera.imagery.raster.CogWriter;
import com.geopera.imagery.raster.RasterInfo;
import com.geopera.imagery.raster.RasterProbe;
import java.util.List;
import java.util.Map;
import org.gdal.gdal.Dataset;

/** NDVI = (NIR − Red) / (NIR + Red) as Float32; nodata where either band is nodata or both sum to zero. */
public final class NdviProcess extends DescribedProcess {
    public static final String ID = "ndvi";
    private static final double MATH_SHARE = 0.6;

    private static final InputSpec INPUTS = new InputSpec(List.of(
            Param.image("image", "URI of a multispectral image: file: under an input root, or http(s):// on an allowed host"),
            Param.band("red_band", "Red band", "1-based index of the red band", null),
            Param.band("nir_band", "Near-infrared band", "1-based index of the near-infrared band", null)));

    public NdviProcess() {
        super(Descriptions.of(ID, "NDVI",
                "Normalized difference vegetation index (NIR − Red)/(NIR + Red), Float32 in [−1, 1], nodata −9999.",
                List.of("ndvi", "vegetation", "index"), "analysis", INPUTS, "NDVI as a Float32 Cloud Optimized GeoTIFF"), INPUTS);
    }

    @Override
    public PreparedRun prepare(ValidInputs in, InputContext context, Problems problems) {
        int before = problems.size();
        RasterInfo image = context.image(in, "image", problems);
        context.band(in, "red_band", image, problems);
        context.band(in, "nir_band", image, problems);
        if (problems.size() > before || image == null || !in.isValid("red_band") || !in.isValid("nir_band")) {
            return null;
        }
        int[] bands = {in.integer("red_band"), in.integer("nir_band")};
        return new DeferredRun(Basis.wholeImage(image, 2), ctx -> RasterProbe.withOpened(image.gdalPath(), "image",
                source -> ndviCog(source, bands, ctx)));
    }

    private static ProducedRaster ndviCog(Dataset source, int[] bands, RunContext ctx) {
        Dataset ndvi = BandMath.run(source, bands, NdviProcess::ndvi, ctx.temp("ndvi.tif"), ctx.step(0, MATH_SHARE), ctx);
        try {
            return ResultCog.write(ndvi, CogWriter.DEFAULT_COMPRESSION, MATH_SHARE, ctx,
                    Map.of("index", "ndvi", "red_band", bands[0], "nir_band", bands[1]));
        } finally {
            ndvi.delete();
        }
    }

    static void ndvi(float[][] bands, float[] out) {
        float[] red = bands[0];
        float[] nir = bands[1];
        for (int i = 0; i < out.length; i++) {
            float sum = nir[i] + red[i];
            out[i] = sum == 0 ? Float.NaN : (nir[i] - red[i]) / sum;
        }
    }
}
