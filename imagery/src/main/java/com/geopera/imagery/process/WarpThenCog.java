package com.geopera.imagery.process;

import com.geopera.imagery.raster.RasterInfo;
import com.geopera.imagery.raster.RasterProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gdal.gdal.Dataset;

/** A run that warps the image into an intermediate GeoTIFF (first 60 %), then writes that as a COG. */
final class WarpThenCog implements PreparedRun {
    private static final double WARP_SHARE = 0.6;

    private final RasterInfo image;
    private final List<String> warpArgs;
    private final Basis basis;
    private final String compression;
    private final Map<String, Object> extraMetadata;

    WarpThenCog(RasterInfo image, List<String> warpArgs, Basis basis, String compression, Map<String, Object> extra) {
        this.image = image;
        this.warpArgs = List.copyOf(warpArgs);
        this.basis = basis;
        this.compression = compression;
        this.extraMetadata = Map.copyOf(extra);
    }

    @Override
    public Basis basis() {
        return basis;
    }

    @Override
    public ProducedRaster execute(RunContext context) {
        return RasterProbe.withOpened(image.gdalPath(), "image", source -> {
            Path warped = context.temp("warped.tif");
            Dataset intermediate = Warps.toGeoTiff(source, warped, warpArgs, context.step(0, WARP_SHARE), context);
            try {
                context.checkCancelled();
                return ResultCog.write(intermediate, compression, WARP_SHARE, context, extraMetadata);
            } finally {
                intermediate.delete();
            }
        });
    }
}
