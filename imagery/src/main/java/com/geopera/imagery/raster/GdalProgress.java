package com.geopera.imagery.raster;

import com.geopera.imagery.CancellationToken;
import com.geopera.imagery.ProgressListener;
import org.gdal.gdal.ProgressCallback;

/**
 * GDAL's progress callback for one step of a run: maps the step's 0–1 onto its share of the whole run, and
 * returns 0 (which makes GDAL abort the operation) once cancellation was requested.
 */
public final class GdalProgress extends ProgressCallback {
    private final ProgressListener listener;
    private final CancellationToken cancellation;
    private final double start;
    private final double span;

    public GdalProgress(ProgressListener listener, CancellationToken cancellation, double start, double end) {
        this.listener = listener;
        this.cancellation = cancellation;
        this.start = start;
        this.span = end - start;
    }

    @Override
    public int run(double complete, String message) {
        try {
            listener.onProgress(start + span * Math.max(0, Math.min(1, complete)));
            return cancellation.isCancelled() ? 0 : 1;
        } catch (RuntimeException e) {
            // an exception must not cross into native code; treat a failing listener as a request to stop
            return 0;
        }
    }

    /** Reports a fraction of this step directly (for work done in Java). */
    public void report(double complete) {
        listener.onProgress(start + span * Math.max(0, Math.min(1, complete)));
    }
}
