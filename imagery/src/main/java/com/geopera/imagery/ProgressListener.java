package com.geopera.imagery;

/** Receives the progress of a run as a fraction from 0 to 1; throttling is the caller's concern. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = fraction -> { };

    void onProgress(double fraction0to1);
}
