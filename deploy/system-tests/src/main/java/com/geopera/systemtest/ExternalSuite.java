package com.geopera.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A test suite written in another language (the Python or TypeScript SDK's), run as a child process against a
 * {@link LocalStack}: the stack's URL, keys and tenant ids go into its environment, its output (stdout and stderr
 * together) into a log file, and {@link #run} fails with that output when the suite fails or times out.
 *
 * <pre>{@code
 * ExternalSuite.command("/usr/bin/python3", "-m", "unittest", "discover", "-s", "tests")
 *         .directory(repo.resolve("sdk/python"))
 *         .environment("PYTHONPATH", "src")
 *         .against(stack)
 *         .run(Duration.ofMinutes(5), stack.runDir().resolve("python-sdk.log"));
 * }</pre>
 * The environment given to the suite by {@link #against}: {@code GEOPERA_URL}, {@code GEOPERA_API_KEY},
 * {@code GEOPERA_ADMIN_KEY}, {@code GEOPERA_ORG_ID}, {@code GEOPERA_WORKSPACE_ID}, {@code GEOPERA_PROJECT_ID},
 * {@code GEOPERA_STORAGE_ROOT} (where the api and workers keep outputs) and {@code GEOPERA_INPUT_ROOT} (where
 * {@code file:} inputs such as {@code file:elev.tif} are read from).
 */
public final class ExternalSuite {
    private static final int OUTPUT_TAIL_CHARS = 20_000;

    private final List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path directory = TestServers.repoRoot();

    private ExternalSuite(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** The suite's command line, e.g. {@code /usr/bin/python3 -m unittest …} or {@code node --test …}. */
    public static ExternalSuite command(String... command) {
        return new ExternalSuite(List.of(command));
    }

    /** Working directory of the suite (default: the repository root). */
    public ExternalSuite directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** One more environment variable for the suite. */
    public ExternalSuite environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Gives the suite the stack's URL, keys, tenant ids, storage root and input root (see the class comment). */
    public ExternalSuite against(LocalStack stack) {
        environment.put("GEOPERA_URL", stack.url());
        environment.put("GEOPERA_API_KEY", stack.apiKey());
        environment.put("GEOPERA_ADMIN_KEY", stack.adminKey());
        environment.put("GEOPERA_ORG_ID", stack.orgId());
        environment.put("GEOPERA_WORKSPACE_ID", stack.workspaceId());
        environment.put("GEOPERA_PROJECT_ID", stack.projectId());
        environment.put("GEOPERA_STORAGE_ROOT", stack.storageRoot().toString());
        environment.put("GEOPERA_INPUT_ROOT", stack.inputRoot().toString());
        return this;
    }

    /**
     * Runs the suite to its end (killing it after {@code timeout}) with its output in {@code log}, and returns that
     * output. Throws {@link AssertionError} carrying the output when the exit status is not 0 or time ran out.
     */
    public String run(Duration timeout, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command) + " in " + directory, e);
        }
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + String.join(" ", command) + " ran", e);
        }
        String output = read(log);
        if (!finished) {
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + "\n"
                    + tail(output));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed with exit status " + process.exitValue()
                    + "\n" + tail(output));
        }
        return output;
    }

    /** The command line, for messages. */
    public List<String> commandLine() {
        return new ArrayList<>(command);
    }

    private static String read(Path log) {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8); // malformed bytes replaced, never thrown
        } catch (IOException e) {
            return "(no output: cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static String tail(String output) {
        return output.length() <= OUTPUT_TAIL_CHARS ? output
                : "… (first " + (output.length() - OUTPUT_TAIL_CHARS) + " characters left out)\n"
                        + output.substring(output.length() - OUTPUT_TAIL_CHARS);
    }
}
