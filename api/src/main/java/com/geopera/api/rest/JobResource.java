package com.geopera.api.rest;

import com.geopera.api.Caller;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.config.PublicUrl;
import com.geopera.api.mapping.JobViews;
import com.geopera.api.mapping.ListRequests;
import com.geopera.api.mapping.RequestBody;
import com.geopera.api.mapping.TileInfo;
import com.geopera.api.service.JobService;
import com.geopera.api.service.JobStreams;
import com.geopera.api.store.JobQuery;
import com.geopera.api.store.JobStore;
import com.geopera.common.auth.Scope;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

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
    JobStreams streams;

    @POST
    @Path("job/get")
    @RequiresScope(Scope.PROCESSING_READ)
    public Response get(byte[] body) {
        return Http.ok(JobViews.view(jobs.get(caller(), jobId(body)), base()));
    }

    @POST
    @Path("job/delete")
    @RequiresScope(Scope.CLIP_DESTROY)
    public Response delete(byte[] body) {
        return Http.ok(JobViews.view(jobs.delete(caller(), jobId(body)), base()));
    }

    @POST
    @Path("job/tile_info")
    @RequiresScope(Scope.CLIP_READ)
    public Response tileInfo(byte[] body) {
        return Http.ok(TileInfo.of(jobs.get(caller(), jobId(body)), base()));
    }

    @POST
    @Path("project_job/get")
    @RequiresScope(Scope.PROCESSING_READ)
    public Response projectJob(byte[] body) {
        return Http.ok(JobViews.view(jobs.getProjectJob(caller(), jobId(body)), base()));
    }

    @POST
    @Path("jobs/list")
    @RequiresScope(Scope.PROCESSING_READ)
    public Response list(byte[] body) {
        JobQuery query = ListRequests.jobs(parse(body), caller().orgId(), pageSizes(), cursors.get());
        Map<String, Object> paging = new LinkedHashMap<>();
        // A cursor page has no page number: it starts after a row, not at a position.
        paging.put("page", query.after() == null ? query.offset() / query.limit() + 1 : null);
        paging.put("sort", (query.descending() ? "-" : "") + query.sort().column());
        return page(jobs.list(query), query, paging);
    }

    @POST
    @Path("project_jobs/list")
    @RequiresScope(Scope.PROCESSING_READ)
    public Response projectJobs(byte[] body) {
        JobQuery query = ListRequests.projectJobs(parse(body), caller().orgId(), pageSizes(), cursors.get());
        jobs.requireProjectMember(caller(), query.projectId());
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("project_id", query.projectId());
        paging.put("offset", query.after() == null ? query.offset() : null);
        return page(jobs.list(query), query, paging);
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
        JobQuery query = ListRequests.jobs(parse(body), caller().orgId(), pageSizes(), cursors.get());
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
        JobQuery query = ListRequests.projectJobs(parse(body), caller().orgId(), pageSizes(), cursors.get());
        jobs.requireProjectMember(caller(), query.projectId());
        return stream(query);
    }

    private Multi<byte[]> stream(JobQuery query) {
        String base = base();
        boolean inputs = query.includeInputs();
        int chunkCap = inputs ? config.jobs().maxPageSizeWithInputs() : Integer.MAX_VALUE;
        return streams.stream(query, chunkCap, job -> JobViews.listed(job, base, inputs));
    }

    private Response page(JobStore.Page page, JobQuery query, Map<String, Object> paging) {
        String base = base();
        List<Map<String, Object>> views = page.jobs().stream()
                .map(j -> JobViews.listed(j, base, query.includeInputs())).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jobs", views);
        answer.putAll(paging);
        answer.put("limit", query.limit());
        if (page.total() != null) {
            answer.put("total", page.total());
        }
        answer.put("has_more", page.hasMore());
        answer.put("next_cursor", page.next() == null ? null : cursors.get().write(query.orgId(), query, page.next()));
        return Http.ok(answer);
    }

    private ListRequests.PageSizes pageSizes() {
        return new ListRequests.PageSizes(config.jobs().defaultPageSize(), config.jobs().maxPageSize(),
                config.jobs().maxPageSizeWithInputs());
    }

    private Caller caller() {
        current.orgId();
        return current.get();
    }

    private RequestBody parse(byte[] body) {
        return RequestBody.parse(body, config.jobs().maxBodyBytes());
    }

    private String jobId(byte[] body) {
        RequestBody request = parse(body);
        String jobId = request.requiredString("job_id", "jobId");
        request.throwIfInvalid();
        return jobId;
    }

    private String base() {
        return publicUrl.base();
    }
}
