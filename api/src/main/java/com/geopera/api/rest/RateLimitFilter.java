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
        Response refusal = refusal(rates.admit(caller));
        if (refusal != null) {
            request.abortWith(refusal);
        }
    }

    /**
     * The 429 answer for a request that must wait {@code wait}, or null when it was admitted ({@code wait} zero).
     * Also used for callers known only after the filters ran: a tile token's org ({@code TileResource}).
     */
    public static Response refusal(Duration wait) {
        if (wait.isZero()) {
            return null;
        }
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ApiProblem problem = ApiProblem.of(ErrorCode.RATE_LIMITED, "too many requests for this organisation; retry in "
                + seconds + " s", Map.of("retry_after_seconds", seconds));
        return Response.fromResponse(ProblemResponses.response(problem))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).build();
    }
}
