package com.geopera.cli.follow;

import java.util.Set;

/** The job statuses the command line needs to tell apart while following a job. */
public final class JobStatus {
    public static final String SUCCEEDED = "succeeded";
    private static final Set<String> TERMINAL = Set.of(SUCCEEDED, "failed", "cancelled");

    private JobStatus() {
    }

    public static boolean isTerminal(String status) {
        return TERMINAL.contains(status);
    }
}
