package com.geopera.systemtest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the test servers and the repository are: {@code GEOPERA_TEST_KAFKA}, {@code GEOPERA_TEST_PG_URL}. */
public final class TestServers {
    private TestServers() {
    }

    public static String kafka() {
        return env("GEOPERA_TEST_KAFKA", "127.0.0.1:19092");
    }

    /** Admin JDBC URL of the test PostgreSQL server. */
    public static String postgresAdminUrl() {
        return env("GEOPERA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    }

    /** The repository root: {@code -Dgeopera.repo.root} (set by the build), else the nearest parent with mvnw. */
    public static Path repoRoot() {
        String configured = System.getProperty("geopera.repo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("worker")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root; set -Dgeopera.repo.root");
        }
        return dir;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
