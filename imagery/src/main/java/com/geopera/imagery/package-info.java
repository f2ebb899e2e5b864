/**
 * The GDAL imagery engine's face: describe, validate, estimate and run processes ({@code ImageryEngine}), with
 * what a run is asked ({@code RunRequest}) and answers ({@code RunResult}), its cancellation, progress and failures.
 */
package com.geopera.imagery;
