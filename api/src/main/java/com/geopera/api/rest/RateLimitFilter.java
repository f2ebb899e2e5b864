package com.geopera.api.rest;

import com.geopera.api.ApiProblem;
import com.geopera.api.Caller;
import com.geopera.api.service.RequestRates;
import com.geopera.common.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.Map;

/**
 * 429 {@code rate_limited} with {@code Retry-After} when the caller's org is over {@code geopera.limits.*}. Runs
 * after {@link AuthFilter}, so it knows the org; anonymous calls of the public catalog are not counted here (a
 * deployment limits those per client address at its ingress).
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RateLimitFilter implements ContainerRequestFilter {
    @Inject
    CurrentCaller current;
    @Inject
    RequestRates rates;

    @Override
    public void filter(ContainerRequestContext request) {
        Caller caller = current.orNull();
        if (caller == null) {
            return;
        }
        Duration wait = rates.admit(caller);
        if (wait.isZero()) {
            return;
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ApiProblem problem = ApiProblem.of(ErrorCode.RATE_LIMITED, "too many requests for this organisation; retry in "
                + seconds + " s", Map.of("retry_after_seconds", seconds));
        request.abortWith(Response.fromResponse(Problems.response(problem))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).build());
    }
}
