package com.geopera.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.mapping.InputsSize;
import com.geopera.api.mapping.RequestBody;
import com.geopera.api.service.ProcessCatalog;
import com.geopera.common.auth.Scope;
import com.geopera.common.process.ProcessDescription;
import com.geopera.imagery.Estimate;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The process catalog (list and get are public), input validation, estimates and job types. */
@Path("/v1/processing")
public class CatalogResource {
    @Inject
    ProcessCatalog catalog;
    @Inject
    ApiConfig config;

    @POST
    @Path("catalog/list")
    @RequiresScope(value = Scope.PROCESSING_READ, optional = true)
    public Response list(byte[] body, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        parse(body);
        List<Map<String, Object>> summaries = catalog.processes().stream().map(CatalogResource::summary).toList();
        return Http.wantsNdjson(accept) ? Http.ndjson(summaries) : Http.ok(Map.of("processes", summaries));
    }

    @POST
    @Path("catalog/get")
    @RequiresScope(value = Scope.PROCESSING_READ, optional = true)
    public Response get(byte[] body) {
        RequestBody request = parse(body);
        String processId = request.requiredString("process_id", "processId");
        request.throwIfInvalid();
        return Http.ok(catalog.require(processId));
    }

    /** 204 when the inputs are valid, else 422 listing every problem. */
    @POST
    @Path("catalog/validate")
    @RequiresScope(Scope.PROCESSING_READ)
    public Response validate(byte[] body) {
        RequestBody request = parse(body);
        String processId = request.requiredString("process_id", "processId");
        ObjectNode inputs = request.optionalObject("inputs");
        InputsSize.requireWithin(inputs, config.jobs().maxInputsBytes());
        if (processId != null) {
            request.add(catalog.validate(processId, inputs));
        }
        request.throwIfInvalid();
        return Response.noContent().build();
    }

    @POST
    @Path("catalog/estimate")
    @RequiresScope(Scope.PROCESSING_READ)
    public Response estimate(byte[] body) {
        RequestBody request = parse(body);
        String processId = request.requiredString("process_id", "processId");
        ObjectNode inputs = request.optionalObject("inputs");
        InputsSize.requireWithin(inputs, config.jobs().maxInputsBytes());
        request.throwIfInvalid();
        Estimate estimate = catalog.estimate(processId, inputs);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("process_id", processId);
        answer.put("credits", estimate.credits());
        answer.put("basis", estimate.basis());
        answer.put("expires_at", estimate.expiresAt());
        return Http.ok(answer);
    }

    @POST
    @Path("job_types/list")
    @RequiresScope(Scope.PROCESSING_READ)
    public Response jobTypes(byte[] body, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        RequestBody request = parse(body);
        String category = request.optionalString("category");
        request.throwIfInvalid();
        List<Map<String, Object>> types = catalog.jobTypes(category);
        return Http.wantsNdjson(accept) ? Http.ndjson(types) : Http.ok(Map.of("job_types", types));
    }

    private RequestBody parse(byte[] body) {
        return RequestBody.parse(body, config.jobs().maxBodyBytes());
    }

    private static Map<String, Object> summary(ProcessDescription p) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", p.id());
        s.put("version", p.version());
        s.put("title", p.title());
        s.put("description", p.description());
        s.put("keywords", p.keywords());
        s.put("jobControlOptions", p.jobControlOptions());
        s.put("outputTransmission", p.outputTransmission());
        s.put("job_type", p.jobType());
        s.put("category", p.category());
        s.put("queue", p.queue());
        return s;
    }
}
