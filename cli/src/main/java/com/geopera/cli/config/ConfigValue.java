package com.geopera.cli.config;

/** A resolved configuration value and where it came from. */
public record ConfigValue(String value, Source source, String origin) {
}
