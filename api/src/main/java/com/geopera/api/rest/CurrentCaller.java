package com.geopera.api.rest;

import com.geopera.api.ApiProblem;
import com.geopera.api.Caller;
import com.geopera.common.error.ErrorCode;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request (set by {@link AuthFilter}). */
@RequestScoped
public class CurrentCaller {
    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw ApiProblem.of(ErrorCode.UNAUTHENTICATED, "this operation needs a token");
        }
        return caller;
    }

    /** The caller, or null for anonymous calls of public operations. */
    public Caller orNull() {
        return caller;
    }

    /** The caller's org; admin keys have none, so org-scoped operations answer 403 for them. */
    public String orgId() {
        Caller c = get();
        if (c.orgId() == null) {
            throw ApiProblem.of(ErrorCode.INSUFFICIENT_SCOPE, "this key belongs to no organisation");
        }
        return c.orgId();
    }
}
