package com.geopera.api.rest;

import com.geopera.api.ApiProblem;
import com.geopera.api.Caller;
import com.geopera.api.service.AuthService;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/** Authenticates the bearer token and checks the operation's {@link RequiresScope}: 401, then 403. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resource;
    @Inject
    AuthService auth;
    @Inject
    CurrentCaller current;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        RequiresScope required = method == null ? null : method.getAnnotation(RequiresScope.class);
        if (required == null) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (required.optional() && (header == null || header.isBlank())) {
            return;
        }
        Caller caller = auth.authenticate(header);
        Scope[] scopes = required.optional() ? new Scope[0] : required.value();
        boolean oneIsEnough = required.anyOf() && java.util.Arrays.stream(scopes).anyMatch(caller::has);
        for (Scope scope : oneIsEnough ? new Scope[0] : scopes) {
            if (!caller.has(scope)) {
                throw ApiProblem.of(ErrorCode.INSUFFICIENT_SCOPE, "this operation needs scope " + scope.value(),
                        java.util.Map.of("required_scope", scope.value()));
            }
        }
        current.set(caller);
    }
}
