package com.geopera.api.rest;

import com.geopera.api.ApiProblem;
import com.geopera.api.service.OutputFiles;
import com.geopera.api.service.OutputFiles.OutputFile;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.PathPart;

/** Output downloads (the hrefs of job outputs): binary, single HTTP Range supported, same auth and org checks. */
@Path("/v1/processing/jobs/{job_id}/outputs/{name}")
public class OutputResource {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    @Inject
    OutputFiles outputs;
    @Inject
    CurrentCaller current;

    @GET
    @RequiresScope(Scope.PROCESSING_READ)
    public Response download(@PathParam("job_id") String jobId, @PathParam("name") String name,
            @HeaderParam("Range") String range) {
        current.orgId();
        OutputFile file = outputs.find(current.get(), jobId, name);
        long size = file.sizeBytes();
        if (range == null || range.isBlank()) {
            return Response.ok(new PathPart(file.path(), 0, size), file.mediaType())
                    .header("Accept-Ranges", "bytes").header("Content-Length", size).build();
        }
        Matcher m = RANGE.matcher(range.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw unsatisfiable(size, "only one range of the form bytes=start-end is supported");
        }
        long start;
        long end;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            start = Math.max(0, size - suffix);
            end = size - 1;
        } else {
            start = Long.parseLong(m.group(1));
            end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        }
        if (start >= size || start > end) {
            throw unsatisfiable(size, "the file has " + size + " bytes");
        }
        long length = end - start + 1;
        return Response.status(206).entity(new PathPart(file.path(), start, length)).type(file.mediaType())
                .header("Accept-Ranges", "bytes")
                .header("Content-Range", "bytes " + start + "-" + end + "/" + size)
                .header("Content-Length", length).build();
    }

    private static ApiProblem unsatisfiable(long size, String detail) {
        return ApiProblem.of(ErrorCode.RANGE_NOT_SATISFIABLE, detail, Map.of("size_bytes", size,
                "content_range", "bytes */" + size));
    }
}
