package com.geopera.imagery.raster;

import com.geopera.imagery.CancellationToken;
import com.geopera.imagery.RunCancelledException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;

/** Writes a dataset as a Cloud Optimized GeoTIFF (internal tiles, overviews) with GDAL's COG driver. */
public final class CogWriter {
    /** Compressions the engine offers; JPEG only for 8-bit data. */
    public static final List<String> COMPRESSIONS = List.of("DEFLATE", "LZW", "ZSTD", "JPEG", "NONE");
    public static final String DEFAULT_COMPRESSION = "DEFLATE";

    private CogWriter() {
    }

    /** The {@code gdal_translate} arguments this writer uses, exposed so tests and benchmarks run the same. */
    public static List<String> translateArgs(String compression) {
        return List.of("-of", "COG",
                "-co", "COMPRESS=" + compression.toUpperCase(Locale.ROOT),
                "-co", "BLOCKSIZE=512",
                "-co", "OVERVIEWS=AUTO",
                "-co", "BIGTIFF=IF_SAFER");
    }

    /** Writes {@code source} to {@code target}; aborts (and throws) when the token is cancelled. */
    public static void write(Dataset source, Path target, String compression, GdalProgress progress,
                             CancellationToken cancellation) {
        TranslateOptions options = new TranslateOptions(new Vector<>(translateArgs(compression)));
        gdal.ErrorReset();
        Dataset out = gdal.Translate(target.toString(), source, options, progress);
        options.delete();
        if (out == null) {
            if (cancellation.isCancelled()) {
                throw new RunCancelledException("cancelled while writing the COG");
            }
            throw Gdal.failure("writing the COG failed");
        }
        out.delete();
    }
}
