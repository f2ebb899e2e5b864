package com.geopera.worker.service;

import com.geopera.common.messaging.DispatchJob;
import com.geopera.common.process.JobOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Output directories of job attempts: {@code <root>/<org_id>/<job_id>/<attempt>/}. A run writes into a private
 * staging directory next to it, which is renamed into place only when the run succeeded, so an attempt's
 * directory is either absent or complete — a retry or a duplicate run of the same attempt never corrupts it.
 */
public final class OutputStorage {
    private final Path root;

    public OutputStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Where the attempt's outputs live once it succeeded. */
    public Path attemptDir(DispatchJob job) {
        return root.resolve(job.orgId()).resolve(job.jobId()).resolve(Integer.toString(job.attempt()));
    }

    /** A new, empty, private directory for one run of the attempt. */
    public Path createStaging(DispatchJob job) {
        Path dir = attemptDir(job).resolveSibling("." + job.attempt() + ".staging-" + UUID.randomUUID());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + dir, e);
        }
    }

    /**
     * Moves a finished run's files into the attempt directory and points the outputs' hrefs there. When another
     * run of the same attempt got there first, its (complete) files are kept and this run's are dropped.
     */
    public List<JobOutput> promote(DispatchJob job, Path staging, List<JobOutput> outputs) {
        Path target = attemptDir(job);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("storage root must allow atomic renames: " + root, e);
        } catch (IOException e) {
            if (!Files.isDirectory(target)) {
                throw new UncheckedIOException("cannot move outputs into " + target, e);
            }
            // rename(2) refuses a non-empty target: another run of this attempt completed first.
            discard(staging);
        }
        List<JobOutput> moved = new ArrayList<>(outputs.size());
        for (JobOutput output : outputs) {
            moved.add(new JobOutput(output.name(), rebase(output.href(), staging, target), output.mediaType(),
                    output.sizeBytes(), output.metadata()));
        }
        return moved;
    }

    /** Removes a staging directory and everything in it; nothing when it is already gone. */
    public void discard(Path staging) {
        if (staging == null || !Files.exists(staging)) {
            return;
        }
        try (Stream<Path> files = Files.walk(staging)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + staging, e);
        }
    }

    static String rebase(String href, Path from, Path to) {
        if (href == null || !href.startsWith("file:")) {
            return href;
        }
        Path file = Path.of(URI.create(href)).toAbsolutePath().normalize();
        Path base = from.toAbsolutePath().normalize();
        return file.startsWith(base) ? to.resolve(base.relativize(file)).toUri().toString() : href;
    }
}
