package com.geopera.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.Caller;
import com.geopera.api.Job;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.config.PublicUrl;
import com.geopera.api.mapping.Drafts;
import com.geopera.api.mapping.JobViews;
import com.geopera.api.mapping.RequestBody;
import com.geopera.api.service.Idempotency;
import com.geopera.api.service.Idempotency.Answer;
import com.geopera.api.service.JobService;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.InputErrorCodes;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/** The spend operations (scope processing:process, Idempotency-Key honoured): create, dispatch, execute, register. */
@Path("/v1/processing")
public class SpendResource {
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

    /** Stores a job in {@code created} (no credits held). */
    @POST
    @Path("create")
    @RequiresScope(Scope.PROCESSING_PROCESS)
    public Response create(byte[] body, @HeaderParam(Http.IDEMPOTENCY_KEY) String key) {
        return spend("processing.create", key, body, (caller, request) ->
                created(jobs.create(caller, Drafts.read(request, config.jobs().maxInputsBytes()))));
    }

    /** create + dispatch in one transaction; on 402 the job stays {@code created} (its id is in the problem). */
    @POST
    @Path("create_and_dispatch")
    @RequiresScope(Scope.PROCESSING_PROCESS)
    public Response createAndDispatch(byte[] body, @HeaderParam(Http.IDEMPOTENCY_KEY) String key) {
        return spend("processing.create_and_dispatch", key, body, (caller, request) -> {
            JobService.Submission submission = jobs.createAndDispatch(caller,
                    Drafts.read(request, config.jobs().maxInputsBytes()));
            // The 402 is an answer, not a thrown refusal: the created job commits, with its key's record.
            return submission.refusal() == null ? created(submission.job())
                    : new Answer(submission.refusal().status(), Problems.bytes(submission.refusal()), false);
        });
    }

    /** created → queued with a hold of the estimate; {@code version} pins the process version. */
    @POST
    @Path("dispatch")
    @RequiresScope(Scope.PROCESSING_PROCESS)
    public Response dispatch(byte[] body, @HeaderParam(Http.IDEMPOTENCY_KEY) String key) {
        return spend("processing.dispatch", key, body, (caller, request) -> {
            String jobId = request.requiredString("job_id");
            String version = request.optionalString("version");
            request.throwIfInvalid();
            return new Answer(200, Http.bytes(JobViews.view(jobs.dispatch(caller, jobId, version), base())), false);
        });
    }

    /** validate + estimate + create + reserve + dispatch in one transaction; on 402 nothing is stored. */
    @POST
    @Path("execute")
    @RequiresScope(Scope.PROCESSING_PROCESS)
    public Response execute(byte[] body, @HeaderParam(Http.IDEMPOTENCY_KEY) String key) {
        return spend("processing.execute", key, body, (caller, request) ->
                created(jobs.execute(caller, Drafts.read(request, config.jobs().maxInputsBytes()))));
    }

    /**
     * Registers a job's outputs and settles its hold: a customer's {@code created} job for the full estimate, or (scope
     * {@code platform:worker}) a queued/running job for {@code usage.credits}, default the hold.
     */
    @POST
    @Path("job/register")
    @RequiresScope(value = {Scope.PROCESSING_PROCESS, Scope.PLATFORM_WORKER}, anyOf = true)
    public Response register(byte[] body, @HeaderParam(Http.IDEMPOTENCY_KEY) String key) {
        Caller registrant = current.get();
        // Platform worker keys belong to no org: their Idempotency-Keys live in a namespace of their own principal.
        String keyNamespace = registrant.orgId() != null ? registrant.orgId()
                : registrant.has(Scope.PLATFORM_WORKER) ? "platform:" + registrant.principalId() : current.orgId();
        return spend(keyNamespace, "processing.job.register", key, body, (caller, request) -> {
            String jobId = request.requiredString("job_id");
            Long credits = null;
            JsonNode usage = request.raw("usage");
            if (usage != null && !usage.isNull()) {
                JsonNode amount = usage.path("credits");
                if (amount.isIntegralNumber() && amount.canConvertToLong() && amount.longValue() >= 0) {
                    credits = amount.longValue();
                } else {
                    request.problem(InputErrorCodes.TYPE_MISMATCH, "usage/credits",
                            "usage.credits must be a non-negative integer");
                }
            }
            request.throwIfInvalid();
            return new Answer(200, Http.bytes(JobViews.view(
                    jobs.register(caller, jobId, request.raw("outputs"), credits), base())), false);
        });
    }

    private Answer created(Job job) {
        return new Answer(201, Http.bytes(JobViews.view(job, base())), false);
    }

    /** Runs an operation under the caller's Idempotency-Key. */
    private Response spend(String operation, String key, byte[] body, Operation action) {
        return spend(current.orgId(), operation, key, body, action);
    }

    /** Runs an operation under the caller's Idempotency-Key, kept per {@code keyNamespace} (the org). */
    private Response spend(String keyNamespace, String operation, String key, byte[] body, Operation action) {
        Caller caller = current.get();
        String orgId = keyNamespace;
        Function<com.geopera.api.ApiProblem, byte[]> render = Problems::bytes;
        return Http.answer(idempotency.run(orgId, key, operation, body,
                () -> action.run(caller, RequestBody.parse(body, config.jobs().maxBodyBytes())), render));
    }

    private String base() {
        return publicUrl.base();
    }

    @FunctionalInterface
    private interface Operation {
        Answer run(Caller caller, RequestBody body);
    }
}
