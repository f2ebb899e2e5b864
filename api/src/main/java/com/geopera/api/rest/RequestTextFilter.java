package com.geopera.api.rest;

import com.geopera.api.ApiProblem;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.error.InputErrorCodes;
import com.geopera.common.error.ValidationProblem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * The request parts outside the body that reach PostgreSQL (the Idempotency-Key, the token's lookup, a path's job id)
 * are checked once here, before routing: PostgreSQL refuses NUL in text, and those values are ASCII by contract, so
 * anything else is refused as a problem instead of failing in a query. Bodies are checked where they are parsed
 * ({@link com.geopera.api.mapping.JsonBody}).
 */
@Provider
@PreMatching
public class RequestTextFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String key = request.getHeaderString(Http.IDEMPOTENCY_KEY);
        if (key != null && !printableAscii(key)) {
            // An sf-string (draft-ietf-httpapi-idempotency-key-header): printable ASCII only.
            throw new ApiProblem(ErrorCode.VALIDATION_FAILED.httpStatus(), ErrorCode.VALIDATION_FAILED.code(),
                    ErrorCode.VALIDATION_FAILED.title(), "the Idempotency-Key header may hold printable ASCII only",
                    List.of(new ValidationProblem(InputErrorCodes.INVALID_CHARACTERS, "/headers/" + Http.IDEMPOTENCY_KEY,
                            "the Idempotency-Key header holds a character outside printable ASCII (NUL, a control "
                                    + "character or bytes that are not ASCII)")),
                    null);
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !printableAscii(authorization)) {
            throw ApiProblem.of(ErrorCode.UNAUTHENTICATED, "the Authorization header is not a token of this api");
        }
        String path = request.getUriInfo().getPath();
        if (!printableText(path)) {
            throw ApiProblem.of(ErrorCode.NOT_FOUND, "the request path holds characters no resource has");
        }
    }

    private static boolean printableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** No NUL, control character or broken UTF-8 (decoded as U+FFFD) in a decoded path. */
    private static boolean printableText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\uFFFD' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
