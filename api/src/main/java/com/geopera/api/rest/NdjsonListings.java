package com.geopera.api.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Sends a listing asked for as NDJSON ({@code Accept} names {@code application/x-ndjson}) to its streaming resource
 * method, by path, before routing: the page answer and the stream are different kinds of response (one JSON document
 * built in memory, a stream of chunks written as the client reads), and choosing by path keeps every other
 * {@code Accept} answered as before (the JSON page), where content negotiation between two methods would answer
 * 406 to an {@code Accept} neither names. Runs after {@link OperationPathFilter}, so both URL forms are covered.
 */
@Provider
@PreMatching
@Priority(Priorities.USER + 10)
public class NdjsonListings implements ContainerRequestFilter {
    static final String SUFFIX = "x-ndjson";
    private static final Set<String> LISTINGS = Set.of("/v1/processing/jobs/list", "/v1/processing/project_jobs/list");

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (LISTINGS.contains(path) && Http.wantsNdjson(request.getHeaderString(HttpHeaders.ACCEPT))) {
            request.setRequestUri(UriBuilder.fromUri(request.getUriInfo().getRequestUri())
                    .replacePath(path + "/" + SUFFIX).build());
        }
    }
}
