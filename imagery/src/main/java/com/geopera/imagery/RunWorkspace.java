package com.geopera.imagery;

import com.geopera.common.job.FailureCode;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The private work directory of one run, inside its output directory (same file system, so publishing is a
 * rename). Closing it deletes it with everything in it, whether the run succeeded, failed or was cancelled.
 */
final class RunWorkspace implements AutoCloseable {
    static final String PREFIX = ".geopera-work-";

    private final Path dir;

    private RunWorkspace(Path dir) {
        this.dir = dir;
    }

    static RunWorkspace create(Path outputDir, String jobId, int attempt) {
        try {
            Files.createDirectories(outputDir);
            String safeJob = jobId == null ? "job" : jobId.replaceAll("[^A-Za-z0-9_-]", "_");
            return new RunWorkspace(Files.createTempDirectory(outputDir, PREFIX + safeJob + "-" + attempt + "-"));
        } catch (IOException e) {
            throw new ProcessingFailedException(FailureCode.STORAGE_ERROR, "cannot create the work directory: " + e.getMessage(), true);
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        deleteTree(dir);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a leftover is reported by the caller's storage cleanup, never fails the run
        }
    }
}
