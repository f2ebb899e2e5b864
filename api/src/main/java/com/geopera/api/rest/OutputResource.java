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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.PathPart;

/**
 * Output downloads (the hrefs of job outputs): binary, one HTTP Range, same auth and org checks. Outputs are always
 * attachments with a media type of our own making and {@code nosniff}: a client registers outputs, so neither the name
 * nor the type it gave may turn a download into a page the browser renders.
 */
@Path("/v1/processing/jobs/{job_id}/outputs/{name}")
public class OutputResource {
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final int MAX_FILENAME_CHARS = 120;
    /** The media types our processes produce, and the file extension each download is named with. */
    private static final Map<String, String> PRODUCED = Map.of(
            "image/tiff; application=geotiff; profile=cloud-optimized", ".tif",
            "image/tiff; application=geotiff", ".tif",
            "image/tiff", ".tif",
            "image/png", ".png",
            "application/json", ".json",
            "application/geo+json", ".geojson");

    @Inject
    OutputFiles outputs;
    @Inject
    CurrentCaller current;

    @GET
    @RequiresScope(Scope.PROCESSING_READ)
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.JOB_NOT_FOUND, ErrorCode.OUTPUT_EXTERNAL, ErrorCode.RANGE_NOT_SATISFIABLE})
    @Operation(summary = "Download an output of a job (the href of a "
            + "job's output)", description = "An attachment of the produced media type (application/octet-stream "
            + "for any other), with one byte range on request")
    @APIResponse(responseCode = "200", description = "The whole file", content = @Content(
            mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "206", description = "The asked range (Content-Range)", content = @Content(
            mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response download(@PathParam("job_id") @Parameter(description = "The job") String jobId,
            @PathParam("name") @Parameter(description = "The output's name") String name,
            @HeaderParam("Range") @Parameter(description = "One range: bytes=a-b, bytes=a- or bytes=-n")
            String range) {
        current.orgId();
        OutputFile file = outputs.find(current.get(), jobId, name);
        long size = file.sizeBytes();
        String mediaType = produced(file.mediaType());
        ByteRange asked = ByteRange.of(range, size);
        Response.ResponseBuilder answer;
        if (asked instanceof ByteRange.Part part) {
            answer = Response.status(206).entity(new PathPart(file.path(), part.first(), part.length()))
                    .header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size)
                    .header("Content-Length", part.length());
        } else if (asked instanceof ByteRange.Unsatisfiable refusal) {
            throw ApiProblem.of(ErrorCode.RANGE_NOT_SATISFIABLE, refusal.reason(), Map.of("size_bytes", size,
                    "content_range", "bytes */" + size));
        } else {
            answer = Response.ok(new PathPart(file.path(), 0, size)).header("Content-Length", size);
        }
        return answer.type(mediaType)
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "attachment; filename=\"" + filename(jobId, name, mediaType) + "\"")
                .build();
    }

    /** The registered media type if it is one we produce (compared without case and spaces), else octet-stream. */
    static String produced(String registered) {
        if (registered == null) {
            return OCTET_STREAM;
        }
        String normalized = registered.toLowerCase(Locale.ROOT).replaceAll("\\s*;\\s*", "; ").trim();
        return PRODUCED.containsKey(normalized) ? normalized : OCTET_STREAM;
    }

    /** Letters, digits, dot, dash and underscore only, so the header can hold no quote, separator or path. */
    static String filename(String jobId, String name, String mediaType) {
        String safe = (jobId + "-" + name).replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "_");
        if (safe.length() > MAX_FILENAME_CHARS) {
            safe = safe.substring(0, MAX_FILENAME_CHARS);
        }
        String extension = PRODUCED.getOrDefault(mediaType, "");
        return safe.toLowerCase(Locale.ROOT).endsWith(extension) ? safe : safe + extension;
    }
}
