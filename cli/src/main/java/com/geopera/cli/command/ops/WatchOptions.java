package com.geopera.cli.command.ops;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --watch [--interval S]}: show the view again every interval until Ctrl-C. */
public final class WatchOptions {
    @Option(names = "--watch", description = "Refresh every --interval seconds until Ctrl-C.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between refreshes with --watch (default ${DEFAULT-VALUE}).")
    double intervalSeconds;

    Duration interval() {
        return Duration.ofMillis(Math.max(200, Math.round(intervalSeconds * 1000)));
    }
}
