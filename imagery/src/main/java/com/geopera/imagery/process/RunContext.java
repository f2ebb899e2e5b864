package com.geopera.imagery.process;

import com.geopera.imagery.CancellationToken;
import com.geopera.imagery.ProgressListener;
import com.geopera.imagery.RunCancelledException;
import com.geopera.imagery.raster.GdalProgress;
import java.nio.file.Path;

/** What a running process may use: its private work directory, progress reporting and the cancellation token. */
public final class RunContext {
    private final Path workDir;
    private final ProgressListener listener;
    private final CancellationToken cancellation;
    private final double share;

    /**
     * @param share the fraction of the whole run's progress the process's own steps cover (the rest is the
     *              engine's: statistics and publishing)
     */
    public RunContext(Path workDir, ProgressListener listener, CancellationToken cancellation, double share) {
        this.workDir = workDir;
        this.listener = listener;
        this.cancellation = cancellation;
        this.share = share;
    }

    /** A file in the run's work directory, removed with it whatever happens. */
    public Path temp(String name) {
        return workDir.resolve(name);
    }

    /** A progress callback for the step covering [start, end] of the process's work. */
    public GdalProgress step(double start, double end) {
        return new GdalProgress(listener, cancellation, start * share, end * share);
    }

    public CancellationToken cancellation() {
        return cancellation;
    }

    public void checkCancelled() {
        if (cancellation.isCancelled()) {
            throw new RunCancelledException("the run was cancelled");
        }
    }
}
