package com.geopera.imagery.process;

import com.geopera.imagery.RunCancelledException;
import com.geopera.imagery.raster.Gdal;
import com.geopera.imagery.raster.GdalProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.WarpOptions;
import org.gdal.gdal.gdal;

/** Runs {@code gdalwarp} through the bindings: into a tiled GeoTIFF, or into a virtual raster to learn its size. */
public final class Warps {
    /** Creation options of intermediate GeoTIFFs: tiled and uncompressed, as they are read once and deleted. */
    public static final List<String> INTERMEDIATE_GTIFF = List.of("-of", "GTiff", "-co", "TILED=YES", "-co", "BIGTIFF=IF_SAFER");

    private Warps() {
    }

    /** Warps {@code source} into a GeoTIFF at {@code target}; the caller deletes the returned dataset. */
    public static Dataset toGeoTiff(Dataset source, Path target, List<String> args, GdalProgress progress,
                                    RunContext context) {
        List<String> all = new ArrayList<>(args);
        all.addAll(INTERMEDIATE_GTIFF);
        WarpOptions options = new WarpOptions(new Vector<>(all));
        gdal.ErrorReset();
        Dataset out = gdal.Warp(target.toString(), new Dataset[] {source}, options, progress);
        options.delete();
        if (out == null) {
            if (context.cancellation().isCancelled()) {
                throw new RunCancelledException("cancelled while warping");
            }
            throw Gdal.failure("warping failed");
        }
        return out;
    }

    /** The width and height {@code gdalwarp} would produce with these arguments (a virtual raster, no pixels read). */
    public static GridSize outputSize(String sourcePath, List<String> args) {
        Dataset source = com.geopera.imagery.raster.RasterProbe.open(sourcePath);
        if (source == null) {
            throw Gdal.failure("opening the image failed");
        }
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("-of", "VRT"));
        WarpOptions options = new WarpOptions(new Vector<>(all));
        try {
            gdal.ErrorReset();
            Dataset vrt = gdal.Warp("", new Dataset[] {source}, options);
            if (vrt == null) {
                throw Gdal.failure("planning the warp failed");
            }
            GridSize size = new GridSize(vrt.getRasterXSize(), vrt.getRasterYSize());
            vrt.delete();
            return size;
        } finally {
            options.delete();
            source.delete();
        }
    }
}
