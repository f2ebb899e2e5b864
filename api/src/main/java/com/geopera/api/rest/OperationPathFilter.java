package com.geopera.api.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import java.util.regex.Pattern;

/**
 * The one mechanism behind {@code POST /v1/op/{operation_id}}: the operation id's dots become path segments
 * ({@code /v1/op/processing.job.get} → {@code /v1/processing/job/get}) before routing, so both URL forms reach the
 * same resource method with the same filters.
 */
@Provider
@PreMatching
public class OperationPathFilter implements ContainerRequestFilter {
    static final String OP_PREFIX = "/v1/op/";
    private static final Pattern OPERATION_ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    /** The resource path of an operation id, e.g. {@code processing.job.get} → {@code /v1/processing/job/get}. */
    public static String resourcePath(String operationId) {
        return "/v1/" + operationId.replace('.', '/');
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!path.startsWith(OP_PREFIX)) {
            return;
        }
        String operationId = path.substring(OP_PREFIX.length());
        String target = OPERATION_ID.matcher(operationId).matches() ? resourcePath(operationId) : "/v1/op/unknown/operation";
        request.setRequestUri(UriBuilder.fromUri(request.getUriInfo().getRequestUri()).replacePath(target).build());
    }
}
