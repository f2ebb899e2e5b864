package com.geopera.api.rest;

import com.geopera.api.contract.ops.OpsAuditInput;
import com.geopera.api.contract.ops.OpsAuditPage;
import com.geopera.api.contract.ops.OpsJobAction;
import com.geopera.api.contract.ops.OpsJobActionInput;
import com.geopera.api.contract.ops.OpsJobs;
import com.geopera.api.contract.ops.OpsJobsInput;
import com.geopera.api.contract.ops.OpsParkedInput;
import com.geopera.api.contract.ops.OpsParkedRecords;
import com.geopera.api.contract.ops.OpsQueueActionInput;
import com.geopera.api.contract.ops.OpsQueueState;
import com.geopera.api.contract.ops.OpsQueues;
import com.geopera.api.contract.ops.OpsQueuesInput;
import com.geopera.api.contract.ops.OpsRecordActionInput;
import com.geopera.api.contract.ops.OpsRecordState;
import com.geopera.api.contract.ops.OpsWorkers;
import com.geopera.api.contract.EmptyInput;
import com.geopera.api.config.PublicUrl;
import com.geopera.api.mapping.BodyReader;
import com.geopera.api.mapping.JobViews;
import com.geopera.api.service.ops.JobActionDone;
import com.geopera.api.service.ops.JobCancelling;
import com.geopera.api.service.ops.JobRetrying;
import com.geopera.api.service.ops.OpsAudit;
import com.geopera.api.service.ops.OpsJobsView;
import com.geopera.api.service.ops.OpsQueuesView;
import com.geopera.api.service.ops.OpsWorkersView;
import com.geopera.api.service.ops.ParkedRecords;
import com.geopera.api.service.ops.QueuePausing;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The operators' operations (docs/OPERATIONS-GUIDE.md): reads need {@code ops:read}, actions {@code ops:write}; an
 * admin key may do both. Org keys never carry these scopes, so they get 403 on every one.
 */
@Path("/v1/ops")
public class OpsResource {
    @Inject
    BodyReader bodies;
    @Inject
    CurrentCaller current;
    @Inject
    OpsQueuesView queues;
    @Inject
    OpsWorkersView workers;
    @Inject
    OpsJobsView jobs;
    @Inject
    QueuePausing pausing;
    @Inject
    ParkedRecords parked;
    @Inject
    OpsAudit audit;
    @Inject
    JobRetrying retrying;
    @Inject
    JobCancelling cancelling;
    @Inject
    PublicUrl publicUrl;

    @POST
    @Path("queues")
    @RequiresScope(value = {Scope.OPS_READ, Scope.ADMIN}, anyOf = true)
    @Refuses(ErrorCode.NOT_FOUND)
    @Operation(summary = "Every worker queue: backlog, oldest queued job, throughput, partitions and their owners")
    @APIResponse(responseCode = "200", description = "The queues", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpsQueues.class)))
    public Response queues(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpsQueuesInput.class))) byte[] body) {
        return Http.ok(queues.queues(bodies.require(body, OpsQueuesInput.class).queue()));
    }

    @POST
    @Path("queues/pause")
    @RequiresScope(value = {Scope.OPS_WRITE, Scope.ADMIN}, anyOf = true)
    @Refuses(ErrorCode.NOT_FOUND)
    @Operation(summary = "Stop dispatching a queue: its dispatch commands wait in the outbox, no job is lost")
    @APIResponse(responseCode = "200", description = "The queue, paused", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpsQueueState.class)))
    public Response pause(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpsQueueActionInput.class))) byte[] body) {
        OpsQueueActionInput input = bodies.require(body, OpsQueueActionInput.class);
        return Http.ok(pausing.pause(current.get(), input.queue(), input.reason()));
    }

    @POST
    @Path("queues/resume")
    @RequiresScope(value = {Scope.OPS_WRITE, Scope.ADMIN}, anyOf = true)
    @Refuses(ErrorCode.NOT_FOUND)
    @Operation(summary = "Dispatch a paused queue again, oldest waiting command first")
    @APIResponse(responseCode = "200", description = "The queue, dispatching", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpsQueueState.class)))
    public Response resume(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpsQueueActionInput.class))) byte[] body) {
        OpsQueueActionInput input = bodies.require(body, OpsQueueActionInput.class);
        return Http.ok(pausing.resume(current.get(), input.queue(), input.reason()));
    }

    @POST
    @Path("workers")
    @RequiresScope(value = {Scope.OPS_READ, Scope.ADMIN}, anyOf = true)
    @Operation(summary = "The workers heard from recently: queues, slots, running attempts, last heartbeat, version")
    @APIResponse(responseCode = "200", description = "The workers", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpsWorkers.class)))
    public Response workers(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EmptyInput.class))) byte[] body) {
        bodies.require(body, EmptyInput.class);
        return Http.ok(workers.workers());
    }

    @POST
    @Path("jobs")
    @RequiresScope(value = {Scope.OPS_READ, Scope.ADMIN}, anyOf = true)
    @Operation(summary = "Recent failures with their error codes, and stuck jobs (stale heartbeat, queued too long)")
    @APIResponse(responseCode = "200", description = "Failures and stuck jobs", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpsJobs.class)))
    public Response jobs(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpsJobsInput.class))) byte[] body) {
        return Http.ok(jobs.jobs(bodies.require(body, OpsJobsInput.class)));
    }

    @POST
    @Path("jobs/retry")
    @RequiresScope(value = {Scope.OPS_WRITE, Scope.ADMIN}, anyOf = true)
    @Refuses({ErrorCode.JOB_NOT_FOUND, ErrorCode.ILLEGAL_TRANSITION, ErrorCode.INSUFFICIENT_CREDITS})
    @Operation(summary = "Run a failed job (of any org) again as a new job of its org, queued with a new hold",
            description = "A job is retried at most once; the failed job keeps its record and charged nothing, so the "
                    + "work is billed once, by the retry.")
    @APIResponse(responseCode = "200", description = "The new job, queued, and the failed job it retries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OpsJobAction.class)))
    public Response retry(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpsJobActionInput.class))) byte[] body) {
        OpsJobActionInput input = bodies.require(body, OpsJobActionInput.class);
        return Http.ok(answer(retrying.retry(current.get(), input.jobId(), input.reason())));
    }

    @POST
    @Path("jobs/cancel")
    @RequiresScope(value = {Scope.OPS_WRITE, Scope.ADMIN}, anyOf = true)
    @Refuses({ErrorCode.JOB_NOT_FOUND, ErrorCode.ILLEGAL_TRANSITION})
    @Operation(summary = "Cancel a job of any org: its hold released, a running attempt told to stop")
    @APIResponse(responseCode = "200", description = "The job, cancelled", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpsJobAction.class)))
    public Response cancel(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpsJobActionInput.class))) byte[] body) {
        OpsJobActionInput input = bodies.require(body, OpsJobActionInput.class);
        return Http.ok(answer(cancelling.cancel(current.get(), input.jobId(), input.reason())));
    }

    @POST
    @Path("outbox/parked")
    @RequiresScope(value = {Scope.OPS_READ, Scope.ADMIN}, anyOf = true)
    @Operation(summary = "Outbox records the relay parked (could not publish), newest first")
    @APIResponse(responseCode = "200", description = "The parked records", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpsParkedRecords.class)))
    public Response parked(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpsParkedInput.class))) byte[] body) {
        return Http.ok(parked.list(bodies.require(body, OpsParkedInput.class).limit()));
    }

    @POST
    @Path("outbox/replay")
    @RequiresScope(value = {Scope.OPS_WRITE, Scope.ADMIN}, anyOf = true)
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.ILLEGAL_TRANSITION})
    @Operation(summary = "Put a parked outbox record back in the relay's work (not a dispatch of a failed job)")
    @APIResponse(responseCode = "200", description = "The record, pending again", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpsRecordState.class)))
    public Response replay(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpsRecordActionInput.class))) byte[] body) {
        OpsRecordActionInput input = bodies.require(body, OpsRecordActionInput.class);
        return Http.ok(parked.replay(current.get(), input.id(), input.reason()));
    }

    @POST
    @Path("outbox/discard")
    @RequiresScope(value = {Scope.OPS_WRITE, Scope.ADMIN}, anyOf = true)
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.ILLEGAL_TRANSITION})
    @Operation(summary = "Discard a parked outbox record (kept for the audit)")
    @APIResponse(responseCode = "200", description = "The record, discarded", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpsRecordState.class)))
    public Response discard(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpsRecordActionInput.class))) byte[] body) {
        OpsRecordActionInput input = bodies.require(body, OpsRecordActionInput.class);
        return Http.ok(parked.discard(current.get(), input.id(), input.reason()));
    }

    @POST
    @Path("audit")
    @RequiresScope(value = {Scope.OPS_READ, Scope.ADMIN}, anyOf = true)
    @Operation(summary = "Every operator action (who, what, when), newest first")
    @APIResponse(responseCode = "200", description = "A page of the audit", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpsAuditPage.class)))
    public Response audit(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpsAuditInput.class))) byte[] body) {
        OpsAuditInput input = bodies.require(body, OpsAuditInput.class);
        return Http.ok(audit.page(input.limit(), input.beforeId()));
    }

    private OpsJobAction answer(JobActionDone done) {
        return new OpsJobAction(done.auditId(), done.retryOf(), JobViews.view(done.job(), publicUrl.base()));
    }
}
