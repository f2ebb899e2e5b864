package com.geopera.cli.follow;

import java.util.Set;

/** The job statuses the command line needs to tell apart while following a job. */
public final class FollowedStatus {
    public static final String SUCCEEDED = "succeeded";
    private static final Set<String> TERMINAL = Set.of(SUCCEEDED, "failed", "cancelled");
    /** Dispatched and not ended: following such a job ends by itself (a created job waits for dispatch). */
    private static final Set<String> UNDERWAY = Set.of("queued", "running");

    private FollowedStatus() {
    }

    public static boolean isTerminal(String status) {
        return TERMINAL.contains(status);
    }

    public static boolean isUnderway(String status) {
        return UNDERWAY.contains(status);
    }
}
