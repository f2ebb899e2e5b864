package com.geopera.cli.config;

/** Where a configuration value came from, highest precedence first. */
public enum Source {
    FLAG("command-line flag"),
    ENVIRONMENT("environment"),
    PROFILE("profile file"),
    LOCAL_STACK("local stack (.geopera/local.env)"),
    DEFAULT("built-in default");

    private final String description;

    Source(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
