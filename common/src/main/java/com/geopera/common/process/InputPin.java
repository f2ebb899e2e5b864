package com.geopera.common.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an image input was when the api estimated the job, so a worker can tell it still reads the same bytes:
 * size and modification time of a {@code file:} input; size, {@code ETag} and {@code Last-Modified} of an
 * {@code http(s)://} input (the ones the server sent; null when it sent none). Two pins of the same input are
 * equal exactly when nothing observable changed.
 *
 * @param input        the input's name, e.g. {@code image}
 * @param uri          the URI as given in the job's inputs
 * @param sizeBytes    the size in bytes, or null when an HTTP server did not say
 * @param modified     ISO-8601 mtime of a file, or the {@code Last-Modified} header of an HTTP object
 * @param etag         the {@code ETag} header of an HTTP object; null for files
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InputPin(
        String input,
        String uri,
        @JsonProperty("size_bytes") Long sizeBytes,
        String modified,
        String etag) {
}
