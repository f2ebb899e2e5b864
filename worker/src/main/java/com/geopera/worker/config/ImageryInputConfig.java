package com.geopera.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where the imagery engine may read inputs from (the same keys the api uses to validate them). */
@ConfigMapping(prefix = "geopera.imagery")
public interface ImageryInputConfig {

    /** Directories {@code file:} inputs may be read from. */
    Optional<List<Path>> inputRoots();

    /** Hosts {@code http(s)://} inputs may be read from. */
    Optional<List<String>> allowedHosts();

    /**
     * Accept {@code http(s)://} inputs whose host resolves to a loopback address. Tests and local development only
     * (their servers listen on 127.0.0.1); never in a deployment. Private and link-local addresses stay refused.
     */
    @WithDefault("false")
    boolean allowLoopbackHosts();

    /** Timeout of one HTTP request GDAL makes for a remote input. */
    @WithDefault("30s")
    java.time.Duration httpTimeout();
}
