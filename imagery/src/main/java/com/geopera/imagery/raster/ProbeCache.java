package com.geopera.imagery.raster;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The descriptions of local rasters already probed, by the file's identity — its path, size and modification time,
 * the same identity an input pin records — so that an image estimated a thousand times is opened and described once
 * while it stays the same file. A file that is rewritten, grown or touched has another identity and is probed again;
 * only readable rasters are kept (a failure is probed again each time, so a fixed file is seen at once). Remote
 * rasters are not kept: their identity (ETag, Last-Modified) costs a request of its own.
 */
final class ProbeCache {
    /** Distinct files kept; each description is a few hundred bytes and a footprint polygon. */
    private static final int MAX_FILES = 1024;

    private record Identity(String path, long sizeBytes, long modifiedNanos) {
    }

    private static final Cache<Identity, RasterInfo> DESCRIPTIONS = Caffeine.newBuilder().maximumSize(MAX_FILES)
            .build();

    private ProbeCache() {
    }

    /** The cached description of {@code path} as it is now, or the probe's answer (kept when it is readable). */
    static RasterProbe.Result probe(String path, Function<String, RasterProbe.Result> probe) {
        Optional<Identity> identity = identity(path);
        if (identity.isEmpty()) {
            return probe.apply(path);
        }
        RasterInfo known = DESCRIPTIONS.getIfPresent(identity.get());
        if (known != null) {
            return new RasterProbe.Result(known, null, null, null);
        }
        RasterProbe.Result result = probe.apply(path);
        // The identity is read again after the probe: a file replaced while it was probed is not kept.
        if (result.isOk() && identity.equals(identity(path))) {
            DESCRIPTIONS.put(identity.get(), result.info());
        }
        return result;
    }

    /** Forgets every description (tests, and a process that knows its files changed in place). */
    static void clear() {
        DESCRIPTIONS.invalidateAll();
    }

    private static Optional<Identity> identity(String path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(Path.of(path), BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new Identity(path, attributes.size(),
                    attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
