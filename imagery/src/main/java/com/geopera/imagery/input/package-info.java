/**
 * Process inputs: their schemas and validation (every problem with its pointer), GeoJSON geometries, and where
 * raster inputs may come from ({@code file:} roots, allowed public hosts) and how they are pinned.
 */
package com.geopera.imagery.input;
