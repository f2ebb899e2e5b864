package com.geopera.worker.service;

import com.geopera.common.job.FailureCode;
import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.messaging.JobError;
import com.geopera.common.process.InputPin;
import com.geopera.imagery.ImageryEngine;
import com.geopera.imagery.InvalidInputsException;
import java.util.List;
import java.util.Optional;

/**
 * What an attempt must satisfy before the worker spends any work on it: its inputs are still the ones the api
 * estimated (the command's input pins: size and mtime of files, size, ETag and Last-Modified of HTTP objects), and
 * the worker's own estimate of them is within the credits the api reserved. Otherwise the attempt fails with
 * {@link FailureCode#INPUT_CHANGED} or {@link FailureCode#ESTIMATE_EXCEEDS_HOLD}; the FAILED event
 * releases the hold, so a swapped or grown input is never processed on a smaller input's bill.
 */
public final class RunPreconditions implements AttemptGuard {
    private final ImageryEngine engine;

    public RunPreconditions(ImageryEngine engine) {
        this.engine = engine;
    }

    @Override
    public Optional<JobError> refusal(DispatchJob job) {
        // Pins first: an estimate of changed inputs would be about the wrong bytes anyway.
        if (!job.inputPins().isEmpty()) {
            List<InputPin> now = engine.pins(job.processId(), job.inputs());
            for (InputPin pinned : job.inputPins()) {
                InputPin current = now.stream().filter(p -> p.input().equals(pinned.input())).findFirst().orElse(null);
                if (!pinned.equals(current)) {
                    return Optional.of(new JobError(FailureCode.INPUT_CHANGED, "input '" + pinned.input()
                            + "' changed since the estimate: it was " + describe(pinned) + ", it is now "
                            + (current == null ? "unreadable" : describe(current)), false));
                }
            }
        }
        long estimate;
        try {
            estimate = engine.estimate(job.processId(), job.inputs()).credits();
        } catch (InvalidInputsException e) {
            return Optional.of(new JobError(FailureCode.INVALID_INPUTS, e.getMessage(), false));
        }
        if (estimate > job.reservedCredits()) {
            return Optional.of(new JobError(FailureCode.ESTIMATE_EXCEEDS_HOLD, "this worker estimates "
                    + estimate + " credits for the inputs, more than the " + job.reservedCredits() + " reserved", false));
        }
        return Optional.empty();
    }

    private static String describe(InputPin pin) {
        return pin.sizeBytes() + " bytes, modified " + pin.modified() + (pin.etag() == null ? "" : ", ETag " + pin.etag());
    }
}
