package com.geopera.imagery;

import com.geopera.ledger.billing.CostModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Engine settings: where {@code file:} inputs may come from, which hosts {@code http(s)://} inputs may come from,
 * the HTTP timeout GDAL uses for them, the largest input accepted, the cost model of each process and how long an
 * estimate stays valid.
 *
 * @param inputRoots    directories {@code file:} inputs must resolve under (real paths, symlinks followed)
 * @param allowedHosts  host names (case-insensitive) {@code http(s)://} inputs may be read from
 * @param httpTimeout   timeout of one HTTP request GDAL makes through {@code /vsicurl/}
 * @param maxInputBytes largest local input file accepted; 0 means no limit
 * @param costs         cost model per process id; a process without one uses {@link CostModel#DEFAULT}
 * @param estimateTtl   how long an estimate is valid after it was made
 * @param allowLoopbackInputs accept {@code http(s)://} inputs whose host resolves to a loopback address (127.0.0.0/8,
 *                      ::1); off by default and meant for tests and local development only, whose servers listen
 *                      there. Private, link-local and other non-public addresses stay refused either way.
 */
public record ImageryConfig(
        List<Path> inputRoots,
        List<String> allowedHosts,
        Duration httpTimeout,
        long maxInputBytes,
        Map<String, CostModel> costs,
        Duration estimateTtl,
        boolean allowLoopbackInputs) {

    public ImageryConfig {
        inputRoots = List.copyOf(Objects.requireNonNull(inputRoots, "inputRoots"));
        allowedHosts = List.copyOf(Objects.requireNonNull(allowedHosts, "allowedHosts"));
        httpTimeout = Objects.requireNonNull(httpTimeout, "httpTimeout");
        costs = Map.copyOf(Objects.requireNonNull(costs, "costs"));
        estimateTtl = Objects.requireNonNull(estimateTtl, "estimateTtl");
        if (maxInputBytes < 0) {
            throw new IllegalArgumentException("maxInputBytes must be >= 0");
        }
    }

    /** Loopback inputs refused, as in production. */
    public ImageryConfig(List<Path> inputRoots, List<String> allowedHosts, Duration httpTimeout, long maxInputBytes,
                         Map<String, CostModel> costs, Duration estimateTtl) {
        this(inputRoots, allowedHosts, httpTimeout, maxInputBytes, costs, estimateTtl, false);
    }

    /** This configuration with loopback inputs allowed or not (tests and local development only). */
    public ImageryConfig withLoopbackInputs(boolean allowed) {
        return new ImageryConfig(inputRoots, allowedHosts, httpTimeout, maxInputBytes, costs, estimateTtl, allowed);
    }

    /** Defaults for the given roots and hosts: 30 s HTTP timeout, no size limit, default costs, 15 min estimates. */
    public static ImageryConfig defaults(List<Path> inputRoots, List<String> allowedHosts) {
        return new ImageryConfig(inputRoots, allowedHosts, Duration.ofSeconds(30), 0L,
                CostModel.defaults(), Duration.ofMinutes(15));
    }

    /** The cost model of one process. */
    public CostModel costOf(String processId) {
        return costs.getOrDefault(processId, CostModel.DEFAULT);
    }
}
