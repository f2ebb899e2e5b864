package com.geopera.imagery;

/** Asked by a running process between steps and from GDAL's progress callback; true aborts the run. */
@FunctionalInterface
public interface CancellationToken {
    CancellationToken NEVER = () -> false;

    boolean isCancelled();
}
