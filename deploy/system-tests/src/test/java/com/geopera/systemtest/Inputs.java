package com.geopera.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Input directories the system tests give the api and the workers. */
final class Inputs {
    /** A raster only the api can see: jobs on it pass validation and then fail on the worker. */
    static final String API_ONLY_IMAGE = "vanished.tif";

    private Inputs() {
    }

    private static Path target() {
        return TestServers.repoRoot().resolve("deploy/system-tests/target");
    }

    /** A directory with a copy of elev.tif named {@link #API_ONLY_IMAGE}. */
    static Path apiOnlyDir() {
        Path dir = target().resolve("api-only-inputs");
        try {
            Files.createDirectories(dir);
            Files.copy(TestServers.repoRoot().resolve(".geopera/samples/elev.tif"), dir.resolve(API_ONLY_IMAGE),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * Options giving the api (not the workers) {@link #API_ONLY_IMAGE} beside the samples, so that a job on it fails
     * on the worker, and the operators' snapshot refreshed every second (its gauges follow a test's jobs at once).
     */
    static StackOptions withApiOnlyImageAndFastOpsSnapshot(StackOptions options) {
        Path samples = TestServers.repoRoot().resolve(".geopera/samples");
        return options.withApiEnv(Map.of("GEOPERA_IMAGERY_INPUT_ROOTS", samples + "," + apiOnlyDir(),
                "GEOPERA_OPS_SNAPSHOT_INTERVAL", "1s"));
    }

    /** A directory api and workers both read inputs from, whose files a test may change under a job. */
    static Path changingDir() {
        Path dir = target().resolve("changing-inputs");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options giving api and workers the samples and the big raster, and the api alone the api-only dir. */
    static StackOptions withTestInputs(StackOptions options) {
        Path samples = TestServers.repoRoot().resolve(".geopera/samples");
        String shared = samples + "," + SyntheticRaster.dir();
        return options.withApiEnv(Map.of("GEOPERA_IMAGERY_INPUT_ROOTS", shared + "," + apiOnlyDir()))
                .withWorkerEnv(Map.of("GEOPERA_IMAGERY_INPUT_ROOTS", shared));
    }
}
