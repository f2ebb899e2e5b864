package com.geopera.cli.config;

import java.util.List;

/**
 * One configurable value, with its environment variable (also the key in {@code .geopera/local.env}) and its key
 * in the profile file.
 */
public enum Setting {
    URL("GEOPERA_URL", "url", List.of("GEOPERA_API_URL")),
    API_KEY("GEOPERA_API_KEY", "api_key", List.of()),
    ADMIN_KEY("GEOPERA_ADMIN_KEY", "admin_key", List.of("GEOPERA_ADMIN_BOOTSTRAP_KEY")),
    OPS_KEY("GEOPERA_OPS_KEY", "ops_key", List.of()),
    ORG_ID("GEOPERA_ORG_ID", "org_id", List.of()),
    WORKSPACE_ID("GEOPERA_WORKSPACE_ID", "workspace_id", List.of()),
    PROJECT_ID("GEOPERA_PROJECT_ID", "project_id", List.of());

    private final String envName;
    private final String profileKey;
    private final List<String> localEnvAliases;

    Setting(String envName, String profileKey, List<String> localEnvAliases) {
        this.envName = envName;
        this.profileKey = profileKey;
        this.localEnvAliases = localEnvAliases;
    }

    public String envName() {
        return envName;
    }

    public String profileKey() {
        return profileKey;
    }

    /** Other names the local stack's env file may use for the same value (e.g. the api's bootstrap key). */
    public List<String> localEnvAliases() {
        return localEnvAliases;
    }
}
