package com.geopera.cli.http;

/** A plain GET answer (ops endpoints): status, content type and the body as text. */
public record RawResponse(int status, String contentType, String body) {
    private static final int FIRST_ERROR_STATUS = 400;

    public boolean isSuccess() {
        return status < FIRST_ERROR_STATUS;
    }
}
