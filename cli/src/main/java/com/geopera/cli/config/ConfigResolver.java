package com.geopera.cli.config;

import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the configuration with precedence flags &gt; environment &gt; profile file &gt; the local stack's
 * {@code .geopera/local.env} (found by walking up from the working directory) &gt; built-in defaults.
 */
public final class ConfigResolver {
    /** The local stack's api (docs/DEVELOPMENT.md: api on 127.0.0.1:8080). */
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";
    public static final String PROFILE_ENV = "GEOPERA_PROFILE";
    public static final String CONFIG_FILE_ENV = "GEOPERA_CONFIG";
    static final Path LOCAL_ENV_FILE = Path.of(".geopera", "local.env");
    private static final String XDG_CONFIG_HOME = "XDG_CONFIG_HOME";

    private final Map<String, String> environment;
    private final Path workingDir;
    private final Path homeDir;
    private final Clock clock;

    public ConfigResolver(Map<String, String> environment, Path workingDir, Path homeDir, Clock clock) {
        this.environment = environment;
        this.workingDir = workingDir;
        this.homeDir = homeDir;
        this.clock = clock;
    }

    /** The profile file: {@code $GEOPERA_CONFIG}, else {@code $XDG_CONFIG_HOME/geopera/config}, else ~/.config. */
    public Path profilePath() {
        String explicit = environment.get(CONFIG_FILE_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = environment.get(XDG_CONFIG_HOME);
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : homeDir.resolve(".config");
        return base.resolve("geopera").resolve("config");
    }

    /** The nearest {@code .geopera/local.env} at or above the working directory. */
    public Optional<Path> localEnvPath() {
        for (Path dir = workingDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(LOCAL_ENV_FILE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Resolves every setting; {@code profileName} null means {@code $GEOPERA_PROFILE} or {@code default}. */
    public ResolvedConfig resolve(Map<Setting, String> flags, String profileName) {
        String profile = firstNonBlank(profileName, environment.get(PROFILE_ENV), ProfileFile.DEFAULT_PROFILE);
        Path profilePath = profilePath();
        Map<String, String> profileValues = ProfileFile.load(profilePath).profile(profile);
        Optional<Path> localEnv = localEnvPath();
        Map<String, String> localValues = localEnv.map(ConfigResolver::readLocalEnv).orElse(Map.of());

        Map<Setting, ConfigValue> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            ConfigValue value = pick(setting, flags, profileValues, profilePath, localValues, localEnv);
            if (value != null) {
                values.put(setting, value);
            }
        }
        values.putIfAbsent(Setting.URL, new ConfigValue(DEFAULT_URL, Source.DEFAULT, "built-in"));
        return new ResolvedConfig(values, validSession(profileValues, profilePath), profile, profilePath);
    }

    private ConfigValue pick(Setting setting, Map<Setting, String> flags, Map<String, String> profileValues,
            Path profilePath, Map<String, String> localValues, Optional<Path> localEnv) {
        String flag = flags.get(setting);
        if (isSet(flag)) {
            return new ConfigValue(flag, Source.FLAG, "flag");
        }
        String env = environment.get(setting.envName());
        if (isSet(env)) {
            return new ConfigValue(env, Source.ENVIRONMENT, setting.envName());
        }
        String fromProfile = profileValues.get(setting.profileKey());
        if (isSet(fromProfile)) {
            return new ConfigValue(fromProfile, Source.PROFILE, profilePath.toString());
        }
        String local = localValues.get(setting.envName());
        for (int i = 0; !isSet(local) && i < setting.localEnvAliases().size(); i++) {
            local = localValues.get(setting.localEnvAliases().get(i));
        }
        if (isSet(local)) {
            return new ConfigValue(local, Source.LOCAL_STACK, localEnv.map(Path::toString).orElse(""));
        }
        return null;
    }

    private ConfigValue validSession(Map<String, String> profileValues, Path profilePath) {
        String token = profileValues.get(ProfileFile.SESSION_TOKEN_KEY);
        if (!isSet(token)) {
            return null;
        }
        String expiresAt = profileValues.get(ProfileFile.SESSION_EXPIRES_AT_KEY);
        if (isSet(expiresAt)) {
            try {
                if (!Instant.parse(expiresAt).isAfter(clock.instant())) {
                    return null;
                }
            } catch (DateTimeParseException e) {
                // An unreadable expiry is not a reason to drop the token; the api decides.
            }
        }
        return new ConfigValue(token, Source.PROFILE, profilePath + " (session from geopera auth login)");
    }

    private static Map<String, String> readLocalEnv(Path path) {
        try {
            return KeyValueFile.parse(Files.readString(path));
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (isSet(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
