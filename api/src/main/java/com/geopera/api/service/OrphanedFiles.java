package com.geopera.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.Job;
import com.geopera.api.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Finds and deletes what workers left in the storage root that no job will ever serve: attempt directories
 * ({@code <root>/<org>/<job>/<n>}) other than the job's current attempt, and staging directories
 * ({@code <root>/<org>/<job>/.<n>.staging-<uuid>}), once untouched for the configured age. Only directories of
 * jobs this database knows (of the org their path names) are considered; a directory holding a registered output
 * is kept whatever its name; symbolic links are never followed (a link is removed as a link, its target is left);
 * nothing outside the root is touched.
 */
@ApplicationScoped
public class OrphanedFiles {
    private static final Logger LOG = Logger.getLogger(OrphanedFiles.class);
    private static final Pattern ATTEMPT = Pattern.compile("[0-9]{1,9}");
    private static final Pattern STAGING = Pattern.compile("\\.[0-9]{1,9}\\.staging-.+");
    /** Job directories looked up in the database at once. */
    private static final int LOOKUP_BATCH = 500;

    @Inject
    OutputDirectories storage;
    @Inject
    JobStore jobs;

    /** Deletes up to {@code limit} orphaned directories last modified before {@code untouchedSince}. */
    public int delete(Instant untouchedSince, int limit) {
        Path root = storage.root();
        if (!isRealDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        for (Path orgDir : directories(root)) {
            if (deleted >= limit) {
                break;
            }
            List<Path> jobDirs = directories(orgDir);
            for (int from = 0; from < jobDirs.size() && deleted < limit; from += LOOKUP_BATCH) {
                List<Path> chunk = jobDirs.subList(from, Math.min(jobDirs.size(), from + LOOKUP_BATCH));
                Map<String, Job> known = jobs.findAll(chunk.stream().map(p -> p.getFileName().toString()).toList());
                for (Path jobDir : chunk) {
                    Job job = known.get(jobDir.getFileName().toString());
                    if (job == null || !job.orgId.equals(orgDir.getFileName().toString())) {
                        continue;
                    }
                    deleted += deleteOrphans(root, jobDir, job, untouchedSince, limit - deleted);
                    if (deleted >= limit) {
                        break;
                    }
                }
            }
        }
        return deleted;
    }

    private int deleteOrphans(Path root, Path jobDir, Job job, Instant untouchedSince, int limit) {
        List<Path> outputs = outputFiles(job);
        int deleted = 0;
        for (Path entry : directories(jobDir)) {
            if (deleted >= limit) {
                break;
            }
            String name = entry.getFileName().toString();
            boolean staleAttempt = ATTEMPT.matcher(name).matches() && Integer.parseInt(name) != job.attempt();
            boolean staging = STAGING.matcher(name).matches();
            Path normalized = entry.toAbsolutePath().normalize();
            if ((!staleAttempt && !staging) || !normalized.startsWith(root) || normalized.equals(root)
                    || outputs.stream().anyMatch(file -> file.startsWith(normalized))
                    || !modifiedBefore(entry, untouchedSince)) {
                continue;
            }
            try {
                deleteTree(entry);
                deleted++;
            } catch (IOException | UncheckedIOException e) {
                LOG.warnf("could not remove %s: %s", entry, e.getMessage());
            }
        }
        return deleted;
    }

    private List<Path> outputFiles(Job job) {
        List<Path> files = new ArrayList<>();
        if (job.outputs != null) {
            for (JsonNode output : job.outputs) {
                storage.resolve(output.path("href").asText(null)).ifPresent(files::add);
            }
        }
        return files;
    }

    /** The real (not symbolic link) directories directly in {@code dir}. */
    private static List<Path> directories(Path dir) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (isRealDirectory(entry)) {
                    found.add(entry);
                }
            }
        } catch (IOException e) {
            LOG.warnf("could not list %s: %s", dir, e.getMessage());
        }
        return found;
    }

    private static boolean isRealDirectory(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean modifiedBefore(Path path, Instant instant) {
        try {
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(instant);
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a directory tree; walkFileTree does not follow links, so a link inside is deleted as a link. */
    private static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
