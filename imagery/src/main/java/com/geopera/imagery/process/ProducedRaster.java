package com.geopera.imagery.process;

import java.nio.file.Path;
import java.util.Map;

/** The COG a run wrote into its work directory, plus process-specific metadata (e.g. a calibration's fit). */
public record ProducedRaster(Path cog, Map<String, Object> extraMetadata) {
}
