package com.geopera.worker.service;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobError;
import java.util.Optional;

/** Decides, before an attempt runs, whether it may run at all: {@link RunPreconditions} in production. */
@FunctionalInterface
public interface AttemptGuard {
    /** Nothing wrong, or the error to fail the attempt with (without running it). */
    Optional<JobError> refusal(DispatchJob job);
}
