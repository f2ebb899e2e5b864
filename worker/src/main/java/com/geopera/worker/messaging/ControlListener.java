package com.geopera.worker.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.geopera.common.json.Json;
import com.geopera.common.messaging.ControlCommand;
import com.geopera.worker.service.RunningJobs;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies CANCEL signals from {@code <prefix>.jobs.control}; every worker reads every signal. A CANCEL naming an
 * attempt stops only that attempt (the api superseded it), and records of it that arrive later run nothing.
 */
@ApplicationScoped
public class ControlListener {
    private static final Logger LOG = Logger.getLogger(ControlListener.class);
    private final RunningJobs runningJobs;

    public ControlListener(RunningJobs runningJobs) {
        this.runningJobs = runningJobs;
    }

    @Incoming("control")
    public void onControl(String payload) {
        ControlCommand command;
        try {
            command = Json.mapper().readValue(payload, ControlCommand.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("ignoring an unreadable control record: %s", e.getMessage());
            return;
        }
        if (command.type() != ControlCommand.Type.CANCEL || command.jobId() == null) {
            LOG.warnf("ignoring control command %s of type %s", command.commandId(), command.type());
            return;
        }
        if (command.attempt() != null) {
            int stopped = runningJobs.cancelAttempt(command.jobId(), command.attempt());
            LOG.infof("CANCEL %s for job %s attempt %d (superseded): %d running attempt(s) stopping",
                    command.commandId(), command.jobId(), command.attempt(), stopped);
            return;
        }
        int stopped = runningJobs.cancel(command.jobId());
        LOG.infof("CANCEL %s for job %s: %d running attempt(s) stopping", command.commandId(), command.jobId(),
                stopped);
    }
}
