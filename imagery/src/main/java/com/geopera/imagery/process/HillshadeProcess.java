package com.geopera.imagery.process;

import com.geopera.imagery.RunCancelledException;
import com.geopera.imagery.input.InputSpec;
import com.geopera.imagery.input.Param;
import com.geopera.imagery.input.Problems;
import com.geopera.imagery.input.ValidInputs;
import com.geopera.imagery.raster.CogWriter;
import com.geopera.imagery.raster.Gdal;
import com.geopera.imagery.raster.RasterInfo;
import com.geopera.imagery.raster.RasterProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import org.gdal.gdal.DEMProcessingOptions;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;

/** Shaded relief of a DEM with {@code gdaldem hillshade}; 8-bit output, 0 = nodata. */
public final class HillshadeProcess extends DescribedProcess {
    public static final String ID = "hillshade";
    /** Metres per degree used as the horizontal scale of DEMs in geographic coordinates (gdaldem's advice). */
    public static final double METRES_PER_DEGREE = 111_120;
    private static final double DEM_SHARE = 0.6;

    private static final InputSpec INPUTS = new InputSpec(List.of(
            Param.image("image", "URI of the DEM: file: under an input root, or http(s):// on an allowed host"),
            Param.band("band", "Band", "Band holding the elevations", 1),
            Param.number("z_factor", "Vertical exaggeration", "Multiplier of the elevations", false, 0d, true, null, 1d),
            Param.number("azimuth", "Azimuth", "Direction of the light, degrees clockwise from north", false, 0d, false,
                    360d, 315d),
            Param.number("altitude", "Altitude", "Height of the light above the horizon, degrees", false, 0d, false,
                    90d, 45d)));

    public HillshadeProcess() {
        super(Descriptions.of(ID, "Hillshade",
                "Shaded relief of a digital elevation model. Geographic DEMs are scaled at 111120 m per degree.",
                List.of("hillshade", "terrain", "dem"), "terrain", INPUTS, "Shaded relief (Byte, 1–255; 0 is nodata) as a COG"), INPUTS);
    }

    @Override
    public PreparedRun prepare(ValidInputs in, InputContext context, Problems problems) {
        int before = problems.size();
        RasterInfo image = context.image(in, "image", problems);
        context.band(in, "band", image, problems);
        if (problems.size() > before || image == null || !in.isUsable("band") || !in.isUsable("z_factor")
                || !in.isUsable("azimuth") || !in.isUsable("altitude")) {
            return null;
        }
        List<String> args = demArgs(in.integer("band"), in.number("z_factor"), in.number("azimuth"),
                in.number("altitude"), image.geographic());
        return new DeferredRun(Basis.wholeImage(image, 1), ctx -> hillshade(image, args, ctx));
    }

    /** The {@code gdaldem hillshade} arguments for these inputs. */
    public static List<String> demArgs(int band, double zFactor, double azimuth, double altitude, boolean geographic) {
        List<String> args = new ArrayList<>(List.of("-b", Integer.toString(band), "-z", ClipWarp.num(zFactor),
                "-az", ClipWarp.num(azimuth), "-alt", ClipWarp.num(altitude)));
        if (geographic) {
            args.addAll(List.of("-s", ClipWarp.num(METRES_PER_DEGREE)));
        }
        return args;
    }

    private static ProducedRaster hillshade(RasterInfo image, List<String> args, RunContext ctx) {
        return RasterProbe.withOpened(image.gdalPath(), "DEM", source -> {
            List<String> all = new ArrayList<>(args);
            all.addAll(Warps.INTERMEDIATE_GTIFF);
            DEMProcessingOptions options = new DEMProcessingOptions(new Vector<>(all));
            Path shaded = ctx.temp("hillshade.tif");
            gdal.ErrorReset();
            Dataset out = gdal.DEMProcessing(shaded.toString(), source, "hillshade", null, options, ctx.step(0, DEM_SHARE));
            options.delete();
            if (out == null) {
                if (ctx.cancellation().isCancelled()) {
                    throw new RunCancelledException("cancelled while shading");
                }
                throw Gdal.failure("hillshade failed");
            }
            try {
                ctx.checkCancelled();
                return ResultCog.write(out, CogWriter.DEFAULT_COMPRESSION, DEM_SHARE, ctx,
                        Map.of("hillshade", Map.of("arguments", String.join(" ", args))));
            } finally {
                out.delete();
            }
        });
    }
}
