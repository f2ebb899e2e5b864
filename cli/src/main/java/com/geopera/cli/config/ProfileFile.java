package com.geopera.cli.config;

import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user's profile file ({@code ~/.config/geopera/config}): INI-style sections, one per profile, holding
 * {@code url}, {@code api_key}, {@code admin_key}, {@code workspace_id}, {@code project_id} and the session token
 * that {@code geopera auth login} stores.
 */
public final class ProfileFile {
    public static final String DEFAULT_PROFILE = "default";
    public static final String SESSION_TOKEN_KEY = "session_token";
    public static final String SESSION_EXPIRES_AT_KEY = "session_expires_at";
    private static final String OWNER_ONLY = "rw-------";

    private final Path path;
    private final Map<String, Map<String, String>> profiles;

    private ProfileFile(Path path, Map<String, Map<String, String>> profiles) {
        this.path = path;
        this.profiles = profiles;
    }

    /** Loads the file; a missing file is an empty set of profiles. */
    public static ProfileFile load(Path path) {
        if (!Files.isRegularFile(path)) {
            return new ProfileFile(path, new LinkedHashMap<>());
        }
        try {
            return new ProfileFile(path, parse(Files.readString(path)));
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot read the profile file " + path + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        Map<String, String> current = profiles.computeIfAbsent(DEFAULT_PROFILE, name -> new LinkedHashMap<>());
        for (String rawLine : text.split("\\R")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1).strip();
                current = profiles.computeIfAbsent(name, n -> new LinkedHashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            if (equals > 0) {
                current.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return profiles;
    }

    public Path path() {
        return path;
    }

    /** The values of one profile (empty when the profile does not exist). */
    public Map<String, String> profile(String name) {
        return Map.copyOf(profiles.getOrDefault(name, Map.of()));
    }

    /** Sets values in one profile and writes the file, readable by its owner only (it holds secrets). */
    public void update(String profileName, Map<String, String> values) {
        Map<String, String> profile = profiles.computeIfAbsent(profileName, name -> new LinkedHashMap<>());
        values.forEach((key, value) -> {
            if (value == null) {
                profile.remove(key);
            } else {
                profile.put(key, value);
            }
        });
        write();
    }

    private void write() {
        StringBuilder text = new StringBuilder("# geopera command-line profiles; written by geopera auth login\n");
        profiles.forEach((name, values) -> {
            if (values.isEmpty()) {
                return;
            }
            text.append('\n').append('[').append(name).append("]\n");
            values.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        });
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            if (!Files.exists(path)) {
                Files.createFile(path);
            }
            restrictToOwner();
            Files.writeString(path, text.toString());
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot write the profile file " + path + ": " + e.getMessage(), e);
        }
    }

    private void restrictToOwner() throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the platform's default permissions apply.
        }
    }
}
