package com.geopera.imagery.render;

import com.geopera.imagery.raster.Gdal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.WarpOptions;
import org.gdal.gdal.gdal;

/**
 * Draws tiles and previews of output rasters. Each image is one {@code gdal.Warp} of the asked bands into a MEM
 * dataset of the image's size with an alpha band ({@code -dstalpha}: nodata and pixels outside the footprint become
 * transparent); GDAL picks the overview nearest the asked resolution, so low zooms read little. The warped values
 * are stretched band by band to 0…255 and, for one band, looked up in the colormap; then encoded.
 */
public final class TileRenderer {
    /** Changes whenever the same parameters would give other bytes (part of every ETag); 2: {@link PngEncoder}. */
    public static final String VERSION = "2";
    private static final String WEB_MERCATOR = "EPSG:3857";

    private static final Map<String, byte[]> EMPTY = new ConcurrentHashMap<>();

    private final RasterHandles handles;

    public TileRenderer(RasterHandles handles) {
        this.handles = handles;
    }

    /**
     * A renderer keeping open handles of up to {@code maxFiles} files ({@code maxIdlePerFile} each), with GDAL's
     * block cache (process-wide) set to {@code cacheMb} MiB. GDAL must be registered (the engine does it).
     */
    public static TileRenderer create(int cacheMb, int maxFiles, int maxIdlePerFile) {
        gdal.SetCacheMax(Math.max(16, cacheMb) * 1024 * 1024);
        return new TileRenderer(new RasterHandles(maxFiles, maxIdlePerFile));
    }

    /** Closes the idle handles of a file about to be deleted. */
    public void forget(String path) {
        handles.forget(path);
    }

    /** The tile {@code tile} of the raster at {@code path}, encoded; the caller has checked it overlaps the data. */
    public byte[] tile(String path, TileAddress tile, RenderParams params, ImageFormat format) {
        double[] b = tile.bounds();
        int size = params.tileSize();
        List<String> args = List.of("-t_srs", WEB_MERCATOR, "-te", num(b[0]), num(b[1]), num(b[2]), num(b[3]),
                "-ts", Integer.toString(size), Integer.toString(size));
        return ImageEncoder.encode(draw(path, args, params, size, size), size, size, format);
    }

    /**
     * The whole raster at {@code path} in its own CRS, its longer side {@code maxSize} pixels at most (never
     * enlarged), encoded.
     */
    public byte[] preview(String path, int maxSize, RenderParams params, ImageFormat format) {
        RasterHandles.Handle handle = handles.borrow(path);
        int width;
        int height;
        try {
            width = handle.width();
            height = handle.height();
        } finally {
            handles.release(handle);
        }
        double scale = Math.min(1.0, maxSize / (double) Math.max(width, height));
        int w = Math.max(1, (int) Math.round(width * scale));
        int h = Math.max(1, (int) Math.round(height * scale));
        int[] argb = draw(path, List.of("-ts", Integer.toString(w), Integer.toString(h)), params, w, h);
        return ImageEncoder.encode(argb, w, h, format);
    }

    /** An image of {@code size}² transparent pixels (black in JPEG); encoded once per size and format. */
    public static byte[] empty(int size, ImageFormat format) {
        return EMPTY.computeIfAbsent(format + "/" + size,
                key -> ImageEncoder.encode(new int[size * size], size, size, format)).clone();
    }

    private int[] draw(String path, List<String> geometry, RenderParams params, int width, int height) {
        RasterHandles.Handle handle = handles.borrow(path);
        try {
            Dataset source = handle.bands(params.bidx());
            Vector<String> args = new Vector<>(List.of("-of", "MEM", "-r", params.resampling().gdalName(),
                    "-dstalpha", "-wo", "NUM_THREADS=1"));
            args.addAll(geometry);
            WarpOptions options = new WarpOptions(args);
            Dataset warped;
            try {
                gdal.ErrorReset();
                warped = gdal.Warp("", new Dataset[] {source}, options);
            } finally {
                options.delete();
            }
            if (warped == null) {
                throw Gdal.failure("drawing the image");
            }
            try {
                return compose(warped, params, width, height);
            } finally {
                warped.delete();
            }
        } finally {
            handles.release(handle);
        }
    }

    private static int[] compose(Dataset warped, RenderParams params, int width, int height) {
        int n = width * height;
        int bands = params.bidx().size();
        float[][] values = new float[bands][n];
        for (int i = 0; i < bands; i++) {
            read(warped.GetRasterBand(i + 1), width, height, values[i]);
        }
        float[] alpha = new float[n];
        read(warped.GetRasterBand(bands + 1), width, height, alpha);
        int[] argb = new int[n];
        if (bands == 1) {
            int[] lut = Colormaps.table(params.colormap() == null ? "greys" : params.colormap());
            RenderParams.Range r = params.rescale().get(0);
            float[] v = values[0];
            for (int p = 0; p < n; p++) {
                int a = opacity(alpha[p], v[p]);
                argb[p] = a == 0 ? 0 : (a << 24) | (lut[stretch(v[p], r)] & 0xffffff);
            }
        } else {
            RenderParams.Range rr = params.rescale().get(0);
            RenderParams.Range rg = params.rescale().get(1);
            RenderParams.Range rb = params.rescale().get(2);
            for (int p = 0; p < n; p++) {
                float red = values[0][p];
                float green = values[1][p];
                float blue = values[2][p];
                int a = Float.isNaN(red) || Float.isNaN(green) || Float.isNaN(blue) ? 0 : opacity(alpha[p], 0);
                argb[p] = a == 0 ? 0
                        : (a << 24) | (stretch(red, rr) << 16) | (stretch(green, rg) << 8) | stretch(blue, rb);
            }
        }
        return argb;
    }

    private static void read(Band band, int width, int height, float[] into) {
        if (band.ReadRaster(0, 0, width, height, into) != 0) {
            throw Gdal.failure("reading the drawn image");
        }
    }

    /** The alpha the warper gave (0…255), 0 for NaN values. */
    private static int opacity(float alpha, float value) {
        if (Float.isNaN(value) || !(alpha > 0)) {
            return 0;
        }
        return alpha >= 255 ? 255 : Math.round(alpha);
    }

    static int stretch(float value, RenderParams.Range range) {
        double t = (value - range.min()) / (range.max() - range.min());
        if (!(t > 0)) {
            return 0;
        }
        return t >= 1 ? 255 : (int) Math.round(t * 255);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.9f", v);
    }
}
