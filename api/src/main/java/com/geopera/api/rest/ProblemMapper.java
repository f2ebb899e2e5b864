package com.geopera.api.rest;

import com.geopera.api.ApiProblem;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.job.IllegalTransitionException;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.service.DatabaseOutage;
import com.geopera.api.mapping.Violations;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.jboss.logging.Logger;

/** The one exception mapper: everything thrown by an operation becomes an RFC 9457 problem document. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Inject
    DatabaseOutage database;
    @Inject
    ApiConfig config;

    @Override
    public Response toResponse(Throwable failure) {
        ApiProblem problem = toProblem(failure);
        if (problem.status() == ErrorCode.SERVICE_UNAVAILABLE.httpStatus()) {
            return ProblemResponses.builder(problem).header(HttpHeaders.RETRY_AFTER,
                    Math.max(1, config.database().retryAfter().toSeconds())).build();
        }
        if (ErrorCode.TOO_MANY_STREAMS.code().equals(problem.code())) {
            // One of the org's streams ends within its listing's length; a second is a fair guess to try again.
            return ProblemResponses.builder(problem).header(HttpHeaders.RETRY_AFTER, 1).build();
        }
        return ProblemResponses.response(problem);
    }

    /**
     * Classifies any failure. Bean Validation's violations (a constrained parameter) are 422 like the bodies' own
     * problems. A database outage is 503 {@code service_unavailable} (logged once per outage by
     * {@link DatabaseOutage}, not per request); unexpected failures are logged and become 500 {@code internal_error}.
     */
    private ApiProblem toProblem(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ApiProblem problem) {
            return problem;
        }
        if (DatabaseOutage.isOutage(failure)) {
            database.refused(failure);
            return ApiProblem.of(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable; try again later");
        }
        if (cause instanceof ConstraintViolationException invalid) {
            return ApiProblem.invalid(invalid.getConstraintViolations().stream()
                    .map(violation -> Violations.problem(violation, Map.of())).toList());
        }
        if (cause instanceof IllegalTransitionException transition) {
            return ApiProblem.of(ErrorCode.ILLEGAL_TRANSITION, transition.getMessage());
        }
        if (cause instanceof WebApplicationException web) {
            return fromHttpStatus(web.getResponse().getStatus(), web.getMessage());
        }
        LOG.error("unexpected failure", cause);
        return ApiProblem.of(ErrorCode.INTERNAL_ERROR, "unexpected error; see the server log");
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; depth < 10 && current.getCause() != null; depth++) {
            if (current instanceof ApiProblem || current instanceof IllegalTransitionException
                    || current instanceof ConstraintViolationException
                    || current instanceof WebApplicationException) {
                return current;
            }
            current = current.getCause();
        }
        return current;
    }

    private static ApiProblem fromHttpStatus(int status, String detail) {
        return switch (status) {
            case 404 -> ApiProblem.of(ErrorCode.OPERATION_NOT_FOUND, "no such operation or resource");
            case 405 -> ApiProblem.of(ErrorCode.METHOD_NOT_ALLOWED, "operations are called with POST");
            case 406 -> ApiProblem.of(ErrorCode.NOT_ACCEPTABLE,
                    "this operation answers application/json or application/x-ndjson");
            case 413 -> ApiProblem.of(ErrorCode.PAYLOAD_TOO_LARGE, detail);
            case 415 -> ApiProblem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, detail);
            case 401 -> ApiProblem.of(ErrorCode.UNAUTHENTICATED, detail);
            case 403 -> ApiProblem.of(ErrorCode.INSUFFICIENT_SCOPE, detail);
            default -> status >= 400 && status < 500
                    ? new ApiProblem(status, ErrorCode.MALFORMED_REQUEST.code(), "Bad request", detail, null, null)
                    : ApiProblem.of(ErrorCode.INTERNAL_ERROR, "unexpected error; see the server log");
        };
    }
}
