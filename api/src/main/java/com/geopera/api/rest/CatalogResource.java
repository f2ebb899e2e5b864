package com.geopera.api.rest;

import com.geopera.api.config.ApiConfig;
import com.geopera.api.contract.CatalogList;
import com.geopera.api.contract.CatalogProcess;
import com.geopera.api.contract.EmptyInput;
import com.geopera.api.contract.EstimateView;
import com.geopera.api.contract.JobTypeList;
import com.geopera.api.contract.JobTypeView;
import com.geopera.api.contract.JobTypesInput;
import com.geopera.api.contract.ProcessGetInput;
import com.geopera.api.contract.ProcessRunInput;
import com.geopera.api.mapping.Answers;
import com.geopera.api.mapping.BodyReader;
import com.geopera.api.mapping.Bound;
import com.geopera.api.mapping.InputsSize;
import com.geopera.api.service.ProcessService;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.process.ProcessDescription;
import com.geopera.imagery.Estimate;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The process catalog (list and get are public), input validation, estimates and job types. */
@Path("/v1/processing")
public class CatalogResource {
    @Inject
    ProcessService catalog;
    @Inject
    ApiConfig config;
    @Inject
    BodyReader bodies;

    @POST
    @Path("catalog/list")
    @RequiresScope(value = Scope.PROCESSING_READ, optional = true)
    @Operation(summary = "List available processes (OGC process catalog, public)")
    @APIResponse(responseCode = "200", description = "The processes; one CatalogProcess per line with Accept: "
            + Http.NDJSON, content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CatalogList.class)),
                @Content(mediaType = Http.NDJSON, schema = @Schema(implementation = CatalogProcess.class))})
    public Response list(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EmptyInput.class))) byte[] body, @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        bodies.require(body, EmptyInput.class);
        List<CatalogProcess> summaries = catalog.processes().stream().map(CatalogResource::summary).toList();
        return Http.wantsNdjson(accept) ? Http.ndjson(summaries) : Http.ok(new CatalogList(summaries));
    }

    @POST
    @Path("catalog/get")
    @RequiresScope(value = Scope.PROCESSING_READ, optional = true)
    @Refuses(ErrorCode.PROCESS_NOT_FOUND)
    @Operation(summary = "Get one process description (public)")
    @APIResponse(responseCode = "200", description = "The OGC process description, with job_type, category and queue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProcessDescription.class)))
    public Response get(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProcessGetInput.class))) byte[] body) {
        return Http.ok(catalog.require(bodies.require(body, ProcessGetInput.class).processId()));
    }

    /** 204 when the inputs are valid, else 422 listing every problem. */
    @POST
    @Path("catalog/validate")
    @RequiresScope(Scope.PROCESSING_READ)
    @Refuses(ErrorCode.INPUTS_TOO_LARGE)
    @Operation(summary = "Validate process inputs (empty answer when they are valid)")
    @APIResponse(responseCode = "204", description = "The inputs are valid")
    public Response validate(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProcessRunInput.class))) byte[] body) {
        Bound<ProcessRunInput> request = bodies.read(body, ProcessRunInput.class);
        ProcessRunInput input = request.value();
        InputsSize.requireWithin(input.inputs(), config.jobs().maxInputsBytes());
        if (input.processId() != null) {
            request.add(catalog.validate(input.processId(), input.inputs()));
        }
        request.throwIfInvalid();
        return Response.noContent().build();
    }

    @POST
    @Path("catalog/estimate")
    @RequiresScope(Scope.PROCESSING_READ)
    @Refuses(ErrorCode.INPUTS_TOO_LARGE)
    @Operation(summary = "Estimate the cost of running a process with the given inputs")
    @APIResponse(responseCode = "200", description = "The estimate", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EstimateView.class)))
    public Response estimate(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProcessRunInput.class))) byte[] body) {
        Bound<ProcessRunInput> request = bodies.read(body, ProcessRunInput.class);
        ProcessRunInput input = request.value();
        InputsSize.requireWithin(input.inputs(), config.jobs().maxInputsBytes());
        request.throwIfInvalid();
        Estimate estimate = catalog.estimate(input.processId(), input.inputs());
        return Http.ok(new EstimateView(input.processId(), estimate.credits(), estimate.basis(), estimate.expiresAt()));
    }

    @POST
    @Path("job_types/list")
    @RequiresScope(Scope.PROCESSING_READ)
    @Operation(summary = "List available processing job types (optionally by category)")
    @APIResponse(responseCode = "200", description = "The job types; one JobType per line with Accept: "
            + Http.NDJSON, content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobTypeList.class)),
                @Content(mediaType = Http.NDJSON, schema = @Schema(implementation = JobTypeView.class))})
    public Response jobTypes(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobTypesInput.class))) byte[] body, @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        String category = bodies.require(body, JobTypesInput.class).category();
        List<JobTypeView> types = Answers.list(catalog.jobTypes(category), JobTypeView.class);
        return Http.wantsNdjson(accept) ? Http.ndjson(types) : Http.ok(new JobTypeList(types));
    }

    private static CatalogProcess summary(ProcessDescription p) {
        return new CatalogProcess(p.id(), p.version(), p.title(), p.description(), p.keywords(),
                p.jobControlOptions(), p.outputTransmission(), p.jobType(), p.category(), p.queue());
    }
}
