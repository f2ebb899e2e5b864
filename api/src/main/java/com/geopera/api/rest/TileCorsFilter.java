package com.geopera.api.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * CORS for the {@link TileCors} resources, on every answer including problems and 304s: any origin may GET them
 * (they carry no cookies; access is the signed token in the URL or a bearer header), and may read the ETag.
 */
@Provider
@TileCors
public class TileCorsFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", "*");
        headers.putSingle("Access-Control-Expose-Headers", "ETag, Cache-Control, Content-Length, X-Tile-Empty");
        if ("OPTIONS".equals(request.getMethod())) {
            headers.putSingle("Access-Control-Allow-Methods", "GET, OPTIONS");
            headers.putSingle("Access-Control-Allow-Headers", "Authorization, If-None-Match");
            headers.putSingle("Access-Control-Max-Age", "86400");
        }
    }
}
