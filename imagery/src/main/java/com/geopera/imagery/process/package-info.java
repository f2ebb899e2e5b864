/**
 * The processes (clip, reproject, COG, NDVI, hillshade, bathymetry) and their catalog, with the steps they share:
 * warps, band math, nodata handling and writing the result as a COG.
 */
package com.geopera.imagery.process;
