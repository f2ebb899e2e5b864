package com.geopera.worker.engine;

import com.geopera.imagery.CancellationToken;
import com.geopera.imagery.ProgressListener;
import com.geopera.imagery.RunRequest;
import com.geopera.imagery.RunResult;

/** Runs one process to completion: the imagery engine in production, a stand-in in unit tests. */
@FunctionalInterface
public interface ProcessRunner {
    RunResult run(RunRequest request, ProgressListener progress, CancellationToken cancellation);
}
