package com.geopera.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.Job;
import com.geopera.api.config.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The directory workers write outputs to ({@code geopera.storage.root}). The api reads and deletes a job's files
 * only inside that job's own directory {@code <root>/<org>/<job>/}; external {@code https://} outputs are
 * recorded only.
 */
@ApplicationScoped
public class OutputDirectories {
    private static final Logger LOG = Logger.getLogger(OutputDirectories.class);

    @Inject
    ApiConfig config;

    public Path root() {
        return Path.of(config.storage().root()).toAbsolutePath().normalize();
    }

    /** {@code <root>/<org>/<job>/}: every file of the job, all attempts. */
    public Path jobDir(Job job) {
        return root().resolve(job.orgId).resolve(job.jobId).normalize();
    }

    /** {@code <root>/<org>/<job>/<attempt>/}, where the worker promotes an attempt's outputs (worker OutputStorage). */
    public Path attemptDir(Job job, int attempt) {
        return jobDir(job).resolve(Integer.toString(attempt)).normalize();
    }

    /**
     * An external output: an {@code https://} reference recorded as given, never read, served or deleted by us.
     */
    public static boolean isExternal(String href) {
        return href != null && href.regionMatches(true, 0, "https://", 0, "https://".length());
    }

    /**
     * The local file behind a stored output href when it lies inside the job's own directory
     * ({@code <root>/<org>/<job>/}); empty for external references and for anything else, so an output can never
     * make the api serve or delete another job's file.
     */
    public Optional<Path> resolveInJob(Job job, String href) {
        Path dir = jobDir(job);
        return resolve(href).filter(path -> path.startsWith(dir) && !path.equals(dir));
    }

    /** The local file behind a worker's {@code file:} href when it lies below the storage root. */
    public Optional<Path> resolve(String href) {
        if (href == null) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(href);
            Path path;
            if ("file".equals(uri.getScheme())) {
                path = Path.of(uri);
            } else if (uri.getScheme() == null && href.startsWith("/")) {
                path = Path.of(href);
            } else {
                return Optional.empty();
            }
            Path normalized = path.toAbsolutePath().normalize();
            return normalized.startsWith(root()) && !normalized.equals(root()) ? Optional.of(normalized) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Deletes the job's output files and its directory {@code <root>/<org>/<job>}; returns files removed. */
    public int deleteOutputs(Job job) {
        int removed = 0;
        if (job.outputs != null) {
            for (JsonNode output : job.outputs) {
                Optional<Path> file = resolveInJob(job, output.path("href").asText(null));
                if (file.isPresent()) {
                    try {
                        if (Files.deleteIfExists(file.get())) {
                            removed++;
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        Path jobDirectory = jobDir(job);
        if (jobDirectory.startsWith(root()) && Files.isDirectory(jobDirectory)) {
            try (Stream<Path> tree = Files.walk(jobDirectory)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                LOG.warnf("could not remove %s: %s", jobDirectory, e.getMessage());
            }
        }
        return removed;
    }
}
