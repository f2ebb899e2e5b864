package com.geopera.api.rest;

import com.geopera.api.Caller;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.config.PublicUrl;
import com.geopera.api.contract.JobGetInput;
import com.geopera.api.contract.JobList;
import com.geopera.api.contract.JobView;
import com.geopera.api.contract.JobsListInput;
import com.geopera.api.contract.ProcessingJobInput;
import com.geopera.api.contract.TileInfoInput;
import com.geopera.api.contract.ProjectJobGetInput;
import com.geopera.api.contract.ProjectJobList;
import com.geopera.api.contract.ProjectJobsInput;
import com.geopera.api.contract.TileJson;
import com.geopera.api.mapping.BodyReader;
import com.geopera.api.mapping.JobJsonWriter;
import com.geopera.api.mapping.JobPageWriter;
import com.geopera.api.mapping.JobViews;
import com.geopera.api.mapping.ListRequests;
import com.geopera.api.service.JobService;
import com.geopera.api.service.TileService;
import com.geopera.api.service.TileTokens;
import com.geopera.api.store.JobQuery;
import com.geopera.api.store.JobStore;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.ErrorCode;
import com.geopera.api.service.JobStreams;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Reading and deleting jobs, org-scoped (a job of another org is 404). */
@Path("/v1/processing")
public class JobResource {
    @Inject
    JobService jobs;
    @Inject
    CurrentCaller current;
    @Inject
    ApiConfig config;
    @Inject
    PublicUrl publicUrl;
    @Inject
    CursorSigner cursors;
    @Inject
    BodyReader bodies;
    @Inject
    TileService tiles;
    @Inject
    TileTokens tileTokens;
    @Inject
    JobStreams streams;

    @POST
    @Path("job/get")
    @RequiresScope(Scope.PROCESSING_READ)
    @Refuses(ErrorCode.JOB_NOT_FOUND)
    @Operation(summary = "Get a processing job by id (org-scoped)")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    public Response get(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobGetInput.class))) byte[] body) {
        Caller caller = caller();
        String jobId = bodies.require(body, JobGetInput.class).jobId();
        return Http.ok(JobViews.view(jobs.get(caller, jobId), base()));
    }

    @POST
    @Path("job/delete")
    @RequiresScope(Scope.CLIP_DESTROY)
    @Refuses(ErrorCode.JOB_NOT_FOUND)
    @Operation(summary = "Delete any processing job by id (org-scoped)", description = "Cancels a job that is not "
            + "finished and deletes its output files; answers the job as it is then")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    public Response delete(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProcessingJobInput.class))) byte[] body) {
        Caller caller = caller();
        String jobId = bodies.require(body, ProcessingJobInput.class).jobId();
        return Http.ok(JobViews.view(jobs.delete(caller, jobId), base()));
    }

    @POST
    @Path("job/tile_info")
    @RequiresScope(Scope.CLIP_READ)
    @Refuses({ErrorCode.JOB_NOT_FOUND, ErrorCode.OUTPUT_NOT_READY})
    @Operation(summary = "TileJSON of a succeeded job's raster output, with signed tile URLs for any web map")
    @APIResponse(responseCode = "200", description = "TileJSON of the job's raster output", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TileJson.class)))
    public Response tileInfo(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TileInfoInput.class))) byte[] body) {
        Caller caller = caller();
        TileInfoInput input = bodies.require(body, TileInfoInput.class);
        Map<String, List<String>> query = input.output() == null ? Map.of() : Map.of("output", List.of(input.output()));
        return Http.ok(tiles.tileJson(caller, input.jobId(), query, base(), tileTokens.issue(caller.orgId(), input.jobId())));
    }

    @POST
    @Path("project_job/get")
    @RequiresScope(Scope.PROCESSING_READ)
    @Refuses(ErrorCode.JOB_NOT_FOUND)
    @Operation(summary = "Get a processing job by id (org match + project access)")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    public Response projectJob(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProjectJobGetInput.class))) byte[] body) {
        Caller caller = caller();
        String jobId = bodies.require(body, ProjectJobGetInput.class).jobId();
        return Http.ok(JobViews.view(jobs.getProjectJob(caller, jobId), base()));
    }

    @POST
    @Path("jobs/list")
    @RequiresScope(Scope.PROCESSING_READ)
    @Operation(summary = "List the org's processing jobs (org-scoped)")
    @APIResponse(responseCode = "200", description = "A page of jobs; one Job per line with Accept: " + Http.NDJSON,
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobList.class)),
                @Content(mediaType = Http.NDJSON, schema = @Schema(implementation = JobView.class))})
    public Response list(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobsListInput.class))) byte[] body) {
        JobQuery query = ListRequests.jobs(bodies.read(body, JobsListInput.class), caller().orgId(), pageSizes(),
                cursors.get());
        return jsonPage(new JobPageWriter(base()).jobList(query, sink -> jobs.scanPage(query, sink), cursorsOf(query)));
    }

    @POST
    @Path("project_jobs/list")
    @RequiresScope(Scope.PROCESSING_READ)
    @Refuses(ErrorCode.NOT_FOUND)
    @Operation(summary = "List a project's processing jobs (project member access)")
    @APIResponse(responseCode = "200", description = "A page of jobs; one Job per line with Accept: " + Http.NDJSON,
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = ProjectJobList.class)),
                @Content(mediaType = Http.NDJSON, schema = @Schema(implementation = JobView.class))})
    public Response projectJobs(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProjectJobsInput.class))) byte[] body) {
        JobQuery query = ListRequests.projectJobs(bodies.read(body, ProjectJobsInput.class), caller().orgId(),
                pageSizes(), cursors.get());
        jobs.requireProjectMember(caller(), query.projectId());
        return jsonPage(new JobPageWriter(base()).projectJobList(query, sink -> jobs.scanPage(query, sink),
                cursorsOf(query)));
    }

    private JobPageWriter.CursorText cursorsOf(JobQuery query) {
        return after -> cursors.get().write(query.orgId(), query, after);
    }

    private static Response jsonPage(byte[] page) {
        return Response.ok(page, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * jobs.list asked with {@code Accept: application/x-ndjson} ({@link NdjsonListings} routes it here): every
     * matching job, streamed. The request is checked on this worker thread; the stream itself runs on
     * {@link JobStreams}' threads once this method returned.
     */
    @POST
    @Path("jobs/list/" + NdjsonListings.SUFFIX)
    @Produces(Http.NDJSON)
    @RequiresScope(Scope.PROCESSING_READ)
    @Blocking
    @Operation(hidden = true)
    public Multi<byte[]> streamList(byte[] body) {
        JobQuery query = ListRequests.jobs(bodies.read(body, JobsListInput.class), caller().orgId(), pageSizes(), cursors.get());
        return stream(query);
    }

    /** project_jobs.list asked with {@code Accept: application/x-ndjson}: every job of the project, streamed. */
    @POST
    @Path("project_jobs/list/" + NdjsonListings.SUFFIX)
    @Produces(Http.NDJSON)
    @RequiresScope(Scope.PROCESSING_READ)
    @Blocking
    @Operation(hidden = true)
    public Multi<byte[]> streamProjectJobs(byte[] body) {
        JobQuery query = ListRequests.projectJobs(bodies.read(body, ProjectJobsInput.class), caller().orgId(), pageSizes(), cursors.get());
        jobs.requireProjectMember(caller(), query.projectId());
        return stream(query);
    }

    private Multi<byte[]> stream(JobQuery query) {
        int chunkCap = query.includeInputs() ? config.jobs().maxPageSizeWithInputs() : Integer.MAX_VALUE;
        return streams.stream(query, chunkCap, new JobJsonWriter(base())::write);
    }

    private ListRequests.PageSizes pageSizes() {
        return new ListRequests.PageSizes(config.jobs().defaultPageSize(), config.jobs().maxPageSize(),
                config.jobs().maxPageSizeWithInputs());
    }

    private Caller caller() {
        current.orgId();
        return current.get();
    }

    private String base() {
        return publicUrl.base();
    }
}
