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
    PLATFORM_WORKER("platform:worker");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    /** The scope as written in keys and the operation reference, e.g. {@code processing:read}. */
    public String value() {
        return value;
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
