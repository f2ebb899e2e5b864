package com.geopera.cli.config;

import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The configuration one command runs with, each value with its source. */
public record ResolvedConfig(Map<Setting, ConfigValue> values, ConfigValue session, String profileName,
        Path profilePath) {

    public Optional<ConfigValue> get(Setting setting) {
        return Optional.ofNullable(values.get(setting));
    }

    public String url() {
        return values.get(Setting.URL).value();
    }

    /**
     * The credential for processing operations: an API key given as flag or environment variable, else the session
     * of {@code geopera auth login}, else an API key from the profile or the local stack, else the admin key.
     */
    public Optional<ConfigValue> processingCredential() {
        Optional<ConfigValue> apiKey = get(Setting.API_KEY);
        if (apiKey.isPresent() && isExplicit(apiKey.get())) {
            return apiKey;
        }
        if (session != null) {
            return Optional.of(session);
        }
        return apiKey.or(() -> get(Setting.ADMIN_KEY));
    }

    /** The API key (never a session) used to open a session with {@code geopera auth login}. */
    public Optional<ConfigValue> loginKey() {
        return get(Setting.API_KEY).or(() -> get(Setting.ADMIN_KEY));
    }

    /** The credential for admin operations: the admin key, else whatever processing would use. */
    public Optional<ConfigValue> adminCredential() {
        return get(Setting.ADMIN_KEY).or(this::processingCredential);
    }

    /** The credential for operator commands: an operator key (ops:read/ops:write), else the admin key. */
    public Optional<ConfigValue> opsCredential() {
        return get(Setting.OPS_KEY).or(() -> get(Setting.ADMIN_KEY));
    }

    /** A value that must be there, or a usage error naming the flag and variable that provide it. */
    public String require(Setting setting, String flag) {
        return get(setting).map(ConfigValue::value).orElseThrow(() -> new CliException(ExitCode.USAGE,
                "missing " + flag + " (or set " + setting.envName() + ", or " + setting.profileKey()
                        + " in the profile)"));
    }

    private static boolean isExplicit(ConfigValue value) {
        return value.source() == Source.FLAG || value.source() == Source.ENVIRONMENT;
    }
}
