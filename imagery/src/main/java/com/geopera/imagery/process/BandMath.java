package com.geopera.imagery.process;

import com.geopera.imagery.raster.Gdal;
import com.geopera.imagery.raster.GdalProgress;
import java.nio.file.Path;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.Driver;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Per-pixel arithmetic in Java over strips of rows: reads the named bands as Float32 (nodata turned into NaN),
 * lets a kernel compute one Float32 value per pixel (NaN for "no value"), and writes a tiled GeoTIFF whose nodata
 * is {@link NoData#FLOAT_OUTPUT}.
 */
public final class BandMath {
    /** Pixels read per strip, per band. */
    private static final int STRIP_PIXELS = 1 << 20;

    /** Computes output values from the input strips (one array per band, same length as {@code out}). */
    @FunctionalInterface
    public interface Kernel {
        void compute(float[][] bands, float[] out);
    }

    private BandMath() {
    }

    /** Writes the kernel's result for {@code source} into a GeoTIFF; the caller deletes the returned dataset. */
    public static Dataset run(Dataset source, int[] bandIndexes, Kernel kernel, Path target, GdalProgress progress,
                              RunContext context) {
        int width = source.getRasterXSize();
        int height = source.getRasterYSize();
        Driver gtiff = gdal.GetDriverByName("GTiff");
        gdal.ErrorReset();
        Dataset out = gtiff.Create(target.toString(), width, height, 1, gdalconstConstants.GDT_Float32,
                new String[] {"TILED=YES", "BIGTIFF=IF_SAFER"});
        if (out == null) {
            throw Gdal.failure("creating " + target.getFileName() + " failed");
        }
        boolean done = false;
        try {
            out.SetGeoTransform(source.GetGeoTransform());
            String wkt = source.GetProjectionRef();
            if (wkt != null && !wkt.isEmpty()) {
                out.SetProjection(wkt);
            }
            Band outBand = out.GetRasterBand(1);
            outBand.SetNoDataValue(NoData.FLOAT_OUTPUT);
            Double[] noData = new Double[bandIndexes.length];
            Band[] bands = new Band[bandIndexes.length];
            for (int i = 0; i < bands.length; i++) {
                bands[i] = source.GetRasterBand(bandIndexes[i]);
                Double[] nd = new Double[1];
                bands[i].GetNoDataValue(nd);
                noData[i] = nd[0];
            }
            int rowsPerStrip = Math.max(1, STRIP_PIXELS / Math.max(1, width));
            float[][] strips = new float[bands.length][width * Math.min(rowsPerStrip, height)];
            float[] result = new float[width * Math.min(rowsPerStrip, height)];
            for (int y = 0; y < height; y += rowsPerStrip) {
                context.checkCancelled();
                int rows = Math.min(rowsPerStrip, height - y);
                int n = rows * width;
                float[][] view = strips;
                if (n != result.length) {
                    view = new float[bands.length][n];
                    result = new float[n];
                }
                for (int i = 0; i < bands.length; i++) {
                    if (bands[i].ReadRaster(0, y, width, rows, view[i]) != 0) {
                        throw Gdal.failure("reading band " + bandIndexes[i] + " failed");
                    }
                    maskNoData(view[i], noData[i]);
                }
                kernel.compute(view, result);
                for (int k = 0; k < n; k++) {
                    if (Float.isNaN(result[k]) || Float.isInfinite(result[k])) {
                        result[k] = NoData.FLOAT_OUTPUT;
                    }
                }
                if (outBand.WriteRaster(0, y, width, rows, result) != 0) {
                    throw Gdal.failure("writing " + target.getFileName() + " failed");
                }
                progress.report((double) (y + rows) / height);
            }
            outBand.FlushCache();
            done = true;
            return out;
        } finally {
            if (!done) {
                out.delete();
            }
        }
    }

    private static void maskNoData(float[] values, Double noData) {
        if (noData == null || Double.isNaN(noData)) {
            return;
        }
        float nd = (float) noData.doubleValue();
        for (int k = 0; k < values.length; k++) {
            if (values[k] == nd) {
                values[k] = Float.NaN;
            }
        }
    }
}
