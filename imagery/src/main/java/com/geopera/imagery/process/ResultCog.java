package com.geopera.imagery.process;

import com.geopera.imagery.raster.CogWriter;
import java.nio.file.Path;
import java.util.Map;
import org.gdal.gdal.Dataset;

/** Writes a run's result, {@code result.tif} in its work directory, as a COG over the rest of its progress. */
final class ResultCog {
    private ResultCog() {
    }

    /** Writes {@code dataset} as the result; progress goes from {@code start} to the end of the process's share. */
    static ProducedRaster write(Dataset dataset, String compression, double start, RunContext context,
                                Map<String, Object> metadata) {
        Path cog = context.temp("result.tif");
        CogWriter.write(dataset, cog, compression, context.step(start, 1), context.cancellation());
        return new ProducedRaster(cog, metadata);
    }
}
