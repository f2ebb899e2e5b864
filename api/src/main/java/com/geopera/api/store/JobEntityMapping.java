package com.geopera.api.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.Job;
import com.geopera.api.store.entity.JobEntity;
import com.geopera.common.json.Json;

/** The one mapping between the {@link Job} aggregate and its row ({@link JobEntity}), JSON columns included. */
final class JobEntityMapping {
    private JobEntityMapping() {
    }

    static Job toJob(JobEntity row) {
        Job job = Job.stored(row.status, row.attempt, row.errorCode, row.errorMessage, new Job.Billing(
                row.billingStatus, row.reservedCredits, row.chargedCredits, row.releasedCredits));
        job.jobId = row.jobId;
        job.orgId = row.orgId;
        job.workspaceId = row.workspaceId;
        job.projectId = row.projectId;
        job.principalId = row.principalId;
        job.processId = row.processId;
        job.processVersion = row.processVersion;
        job.jobType = row.jobType;
        job.queue = row.queue;
        job.title = row.title;
        job.inputs = parse(row.inputs);
        job.progress = row.progress;
        job.workerId = row.workerId;
        job.heartbeatAt = row.heartbeatAt;
        job.queuedAt = row.queuedAt;
        job.outputs = parse(row.outputs);
        job.outputsDeletedAt = row.outputsDeletedAt;
        job.estimatedCredits = row.estimatedCredits;
        job.createdAt = row.createdAt;
        job.updatedAt = row.updatedAt;
        job.startedAt = row.startedAt;
        job.finishedAt = row.finishedAt;
        job.inputPins = parse(row.inputPins);
        job.version = row.version;
        return job;
    }

    /** The row of the job as it is now, at the version it was read at. */
    static JobEntity toEntity(Job job) {
        JobEntity row = new JobEntity();
        row.jobId = job.jobId;
        row.orgId = job.orgId;
        row.workspaceId = job.workspaceId;
        row.projectId = job.projectId;
        row.principalId = job.principalId;
        row.processId = job.processId;
        row.processVersion = job.processVersion;
        row.jobType = job.jobType;
        row.queue = job.queue;
        row.title = job.title;
        row.inputs = json(job.inputs);
        row.status = job.status();
        row.progress = job.progress;
        row.attempt = job.attempt();
        row.workerId = job.workerId;
        row.heartbeatAt = job.heartbeatAt;
        row.queuedAt = job.queuedAt;
        row.errorCode = job.errorCode();
        row.errorMessage = job.errorMessage();
        row.outputs = job.outputs == null ? null : json(job.outputs);
        row.outputsDeletedAt = job.outputsDeletedAt;
        row.estimatedCredits = job.estimatedCredits;
        Job.Billing billing = job.billing();
        row.reservedCredits = billing.reservedCredits();
        row.chargedCredits = billing.chargedCredits();
        row.releasedCredits = billing.releasedCredits();
        row.billingStatus = billing.status();
        row.createdAt = job.createdAt;
        row.updatedAt = job.updatedAt;
        row.startedAt = job.startedAt;
        row.finishedAt = job.finishedAt;
        row.inputPins = job.inputPins == null ? null : json(job.inputPins);
        row.version = job.version;
        return row;
    }

    /** The node as JSON text; a missing node is JSON {@code null}, as {@code inputs} (NOT NULL) always stored it. */
    private static String json(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
