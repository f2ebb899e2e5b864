package com.geopera.cli.command;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait}: follow the job until it ends. */
public final class WaitOptions {
    private static final String DEFAULT_POLL_SECONDS = "1";

    @Option(names = {"-w", "--wait"},
            description = "Follow the job until it succeeded, failed or was cancelled (progress on stderr). Ctrl-C "
                    + "stops following; the job keeps running.")
    boolean wait;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = DEFAULT_POLL_SECONDS,
            description = "Seconds between job polls with --wait (default: ${DEFAULT-VALUE}).")
    double pollIntervalSeconds;

    public boolean enabled() {
        return wait;
    }

    public Duration pollInterval() {
        return Duration.ofMillis(Math.max(1, Math.round(pollIntervalSeconds * Duration.ofSeconds(1).toMillis())));
    }
}
