/**
 * GDAL itself: loading it once, opening user rasters read-only, CRS handling, COG writing, statistics, output
 * metadata and web zoom ranges.
 */
package com.geopera.imagery.raster;
