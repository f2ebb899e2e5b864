package com.geopera.cli;

import com.geopera.cli.http.Sleeper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** A command-line environment for tests: captured stdout/stderr, chosen variables and directories, no sleeping. */
public final class TestEnvironment {
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    public final Map<String, String> variables = new HashMap<>();
    public final Path workingDir;
    public final Path homeDir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    public boolean terminal;
    public Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Returns at once by default; tests against a real api use {@link Sleeper#system()}. */
    public Sleeper sleeper = duration -> { };

    public TestEnvironment(Path workingDir, Path homeDir) {
        this.workingDir = workingDir;
        this.homeDir = homeDir;
    }

    public CliEnvironment build() {
        return new CliEnvironment(Map.copyOf(variables), workingDir, homeDir, new PrintWriter(out, true),
                new PrintWriter(err, true), terminal, clock, sleeper);
    }

    /** Runs one command line in-process; returns its exit code. */
    public int run(String... args) {
        return GeoperaCli.run(build(), args);
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    public void clearOutput() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
