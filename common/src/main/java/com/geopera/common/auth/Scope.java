package com.geopera.common.auth;

/** Permission scopes carried by API keys and session tokens. */
public enum Scope {
    PROCESSING_READ("processing:read"),
    PROCESSING_PROCESS("processing:process"),
    CLIP_READ("clip:read"),
    CLIP_DESTROY("clip:destroy"),
    ADMIN("admin"),
    /**
     * The platform's own workers: may register a job a platform worker holds (queued/running) and settle it for
     * less than its hold. Only an admin can create a key with it, the key belongs to no org, and sessions never
     * carry it; customer keys never have it.
     */
    PLATFORM_WORKER("platform:worker"),
    /**
     * Operators reading the platform's queues, workers, stuck jobs and audit ({@code ops.*} reads). Like
     * {@link #PLATFORM_WORKER}, only an admin grants it and only on a key with no org; an org key never has it.
     */
    OPS_READ("ops:read"),
    /** Operators acting on queues, jobs and parked records ({@code ops.*} actions); granted as {@link #OPS_READ}. */
    OPS_WRITE("ops:write");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    /** The scope as written in keys and the operation reference, e.g. {@code processing:read}. */
    public String value() {
        return value;
    }

    /** Scopes that belong to the platform's own staff and machines: never on a key or session of an org. */
    public boolean isPlatformOnly() {
        return this == PLATFORM_WORKER || this == OPS_READ || this == OPS_WRITE;
    }

    public static Scope fromValue(String value) {
        for (Scope scope : values()) {
            if (scope.value.equals(value)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope: " + value);
    }
}
