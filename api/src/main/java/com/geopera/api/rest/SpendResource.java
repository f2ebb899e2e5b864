package com.geopera.api.rest;

import com.geopera.api.Caller;
import com.geopera.api.Job;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.config.PublicUrl;
import com.geopera.api.contract.JobRegisterInput;
import com.geopera.api.contract.JobView;
import com.geopera.api.contract.ProcessExecuteInput;
import com.geopera.api.contract.ProcessingDispatchInput;
import com.geopera.api.mapping.BodyReader;
import com.geopera.api.mapping.Drafts;
import com.geopera.api.mapping.JobViews;
import com.geopera.api.service.Idempotency;
import com.geopera.api.service.Idempotency.Answer;
import com.geopera.api.service.JobService;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The spend operations (scope processing:process, Idempotency-Key honoured): create, dispatch, execute, register. They
 * take the body's bytes because the Idempotency-Key's record keeps their hash; each reads its request record inside
 * the key's run, so a refused body is the key's answer too.
 */
@Path("/v1/processing")
public class SpendResource {
    private static final String KEY = "A key of the client's choosing (printable ASCII): a repeated request with the "
            + "same key and body gets the first answer again (Idempotency-Replayed: true) instead of running twice";

    @Inject
    JobService jobs;
    @Inject
    Idempotency idempotency;
    @Inject
    CurrentCaller current;
    @Inject
    ApiConfig config;
    @Inject
    PublicUrl publicUrl;
    @Inject
    BodyReader bodies;

    /** Stores a job in {@code created} (no credits held). */
    @POST
    @Path("create")
    @RequiresScope(Scope.PROCESSING_PROCESS)
    @Refuses({ErrorCode.INPUTS_TOO_LARGE, ErrorCode.TOO_MANY_CREATED_JOBS, ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
        ErrorCode.IDEMPOTENCY_KEY_REUSED})
    @Operation(summary = "Create a job (status created, no credits held)")
    @APIResponse(responseCode = "201", description = "The job, created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProcessExecuteInput.class))) byte[] body,
            @Parameter(description = KEY) @HeaderParam(Http.IDEMPOTENCY_KEY) String key) {
        return spend("processing.create", key, body, caller ->
                created(jobs.create(caller, Drafts.of(bodies.read(body, ProcessExecuteInput.class), maxInputs()))));
    }

    /** create + dispatch in one transaction; on 402 the job stays {@code created} (its id is in the problem). */
    @POST
    @Path("create_and_dispatch")
    @RequiresScope(Scope.PROCESSING_PROCESS)
    @Refuses({ErrorCode.INSUFFICIENT_CREDITS, ErrorCode.INPUTS_TOO_LARGE, ErrorCode.TOO_MANY_CREATED_JOBS,
        ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT, ErrorCode.IDEMPOTENCY_KEY_REUSED})
    @Operation(summary = "Create a job and dispatch it", description = "On 402 the job stays created; the problem "
            + "carries its job_id")
    @APIResponse(responseCode = "201", description = "The job, queued", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    public Response createAndDispatch(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProcessExecuteInput.class))) byte[] body,
            @Parameter(description = KEY) @HeaderParam(Http.IDEMPOTENCY_KEY) String key) {
        return spend("processing.create_and_dispatch", key, body, caller -> {
            JobService.Submission submission = jobs.createAndDispatch(caller,
                    Drafts.of(bodies.read(body, ProcessExecuteInput.class), maxInputs()));
            // The 402 is an answer, not a thrown refusal: the created job commits, with its key's record.
            return submission.refusal() == null ? created(submission.job())
                    : new Answer(submission.refusal().status(), ProblemResponses.bytes(submission.refusal()), false);
        });
    }

    /** created → queued with a hold of the estimate; {@code version} pins the process version. */
    @POST
    @Path("dispatch")
    @RequiresScope(Scope.PROCESSING_PROCESS)
    @Refuses({ErrorCode.INSUFFICIENT_CREDITS, ErrorCode.JOB_NOT_FOUND, ErrorCode.ILLEGAL_TRANSITION,
        ErrorCode.PROCESS_VERSION_UNAVAILABLE, ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT, ErrorCode.IDEMPOTENCY_KEY_REUSED})
    @Operation(summary = "Dispatch an existing pending processing job to its registered worker")
    @APIResponse(responseCode = "200", description = "The job, queued with a hold of its estimate",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    public Response dispatch(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProcessingDispatchInput.class))) byte[] body,
            @Parameter(description = KEY) @HeaderParam(Http.IDEMPOTENCY_KEY) String key) {
        return spend("processing.dispatch", key, body, caller -> {
            ProcessingDispatchInput input = bodies.require(body, ProcessingDispatchInput.class);
            return new Answer(200, Http.bytes(JobViews.view(jobs.dispatch(caller, input.jobId(), input.version()),
                    base())), false);
        });
    }

    /** validate + estimate + create + reserve + dispatch in one transaction; on 402 nothing is stored. */
    @POST
    @Path("execute")
    @RequiresScope(Scope.PROCESSING_PROCESS)
    @Refuses({ErrorCode.INSUFFICIENT_CREDITS, ErrorCode.INPUTS_TOO_LARGE, ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
        ErrorCode.IDEMPOTENCY_KEY_REUSED})
    @Operation(summary = "Execute a process (reserve credits + dispatch a job)", description = "On 402 nothing is "
            + "stored")
    @APIResponse(responseCode = "201", description = "The job, queued", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    public Response execute(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProcessExecuteInput.class))) byte[] body,
            @Parameter(description = KEY) @HeaderParam(Http.IDEMPOTENCY_KEY) String key) {
        return spend("processing.execute", key, body, caller ->
                created(jobs.execute(caller, Drafts.of(bodies.read(body, ProcessExecuteInput.class), maxInputs()))));
    }

    /**
     * Registers a job's outputs and settles its hold: a customer's {@code created} job for the full estimate, or (scope
     * {@code platform:worker}) a queued/running job for {@code usage.credits}, default the hold.
     */
    @POST
    @Path("job/register")
    @RequiresScope(value = {Scope.PROCESSING_PROCESS, Scope.PLATFORM_WORKER}, anyOf = true)
    @Refuses({ErrorCode.INSUFFICIENT_CREDITS, ErrorCode.JOB_NOT_FOUND, ErrorCode.ILLEGAL_TRANSITION,
        ErrorCode.JOB_DISPATCHED_TO_WORKER, ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT, ErrorCode.IDEMPOTENCY_KEY_REUSED})
    @Operation(summary = "Register a completed job's outputs + settle its credit reservation")
    @APIResponse(responseCode = "200", description = "The job, succeeded and settled", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    public Response register(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobRegisterInput.class))) byte[] body,
            @Parameter(description = KEY) @HeaderParam(Http.IDEMPOTENCY_KEY) String key) {
        Caller registrant = current.get();
        // Platform worker keys belong to no org: their Idempotency-Keys live in a namespace of their own principal.
        String keyNamespace = registrant.orgId() != null ? registrant.orgId()
                : registrant.has(Scope.PLATFORM_WORKER) ? "platform:" + registrant.principalId() : current.orgId();
        return spend(keyNamespace, "processing.job.register", key, body, caller -> {
            JobRegisterInput input = bodies.require(body, JobRegisterInput.class);
            Long credits = input.usage() == null ? null : input.usage().credits();
            return new Answer(200, Http.bytes(JobViews.view(jobs.register(caller, input.jobId(), input.outputs(),
                    credits), base())), false);
        });
    }

    private Answer created(Job job) {
        return new Answer(201, Http.bytes(JobViews.view(job, base())), false);
    }

    private int maxInputs() {
        return config.jobs().maxInputsBytes();
    }

    /** Runs an operation under the caller's Idempotency-Key. */
    private Response spend(String operation, String key, byte[] body, Spend action) {
        return spend(current.orgId(), operation, key, body, action);
    }

    /** Runs an operation under the caller's Idempotency-Key, kept per {@code keyNamespace} (the org). */
    private Response spend(String keyNamespace, String operation, String key, byte[] body, Spend action) {
        Caller caller = current.get();
        return Http.answer(idempotency.run(keyNamespace, key, operation, body, () -> action.run(caller),
                ProblemResponses::bytes));
    }

    private String base() {
        return publicUrl.base();
    }

    /** One spend operation, run under its Idempotency-Key. */
    @FunctionalInterface
    private interface Spend {
        Answer run(Caller caller);
    }
}
