package com.geopera.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Node script of {@code deploy/system-tests/browser} (playwright-core driving Debian's chromium, never a downloaded
 * browser) run for a test: {@code node <script> <args>}, its output in a log under {@code target/browser/}, and the
 * JSON report it prints as its last line of stdout returned.
 *
 * <p>The first run installs the locked npm packages ({@code npm ci}) when {@code node_modules} does not hold exactly
 * what {@code package-lock.json} says (a stamp with the lockfile's hash). A missing chromium fails the test with the
 * way to install it; browser tests never skip.
 */
public final class BrowserScript {
    /** Exit status of a script whose browser is missing or does not start (browser/lib/chromium.mjs). */
    private static final int BROWSER_MISSING = 2;
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final String STAMP = ".geopera-lock-sha256";

    private BrowserScript() {
    }

    /** The Node project of the browser scripts. */
    public static Path dir() {
        return TestServers.repoRoot().resolve("deploy/system-tests/browser");
    }

    /** Where scripts write screenshots and reports: kept as test artefacts. */
    public static Path artefacts() {
        return TestServers.repoRoot().resolve("deploy/system-tests/target/browser");
    }

    /** The browser the scripts start ({@code GEOPERA_CHROMIUM}, else Debian's {@code /usr/bin/chromium}). */
    public static Path chromium() {
        String configured = System.getenv("GEOPERA_CHROMIUM");
        return Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
    }

    /**
     * Runs {@code script} with {@code args} (the log is {@code target/browser/<logName>.log}) and answers the JSON
     * report on its last line of stdout. Fails with an {@link AssertionError} naming the cause when chromium is
     * missing, the script fails or does not finish within {@code timeout}.
     */
    public static JsonNode run(String script, String logName, Duration timeout, String... args) {
        if (!Files.isExecutable(chromium())) {
            throw new AssertionError(chromium() + " not found: the browser tests need Debian's chromium "
                    + "(apt-get install chromium; deploy/test installs it)");
        }
        ensureInstalled();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Path log = artefacts().resolve(logName + ".log");
        Path stdout = artefacts().resolve(logName + ".out");
        int status = exec(command, dir(), stdout, log, timeout);
        String out = read(stdout).strip();
        if (status == BROWSER_MISSING) {
            throw new AssertionError("the browser did not start: " + read(log).strip());
        }
        if (status != 0 || out.isEmpty()) {
            throw new AssertionError(script + " failed (exit " + status + "); its log " + log + ":\n" + read(log));
        }
        try {
            return Json.mapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
        } catch (IOException e) {
            throw new AssertionError(script + " printed no JSON report: " + out, e);
        }
    }

    /** {@code npm ci} in the project unless its node_modules was installed from the current lockfile. */
    static synchronized void ensureInstalled() {
        Path lock = dir().resolve("package-lock.json");
        Path stamp = dir().resolve("node_modules").resolve(STAMP);
        String wanted = sha256(lock);
        if (Files.isRegularFile(stamp) && read(stamp).equals(wanted)) {
            return;
        }
        Path log = artefacts().resolve("npm-ci.log");
        int status = exec(List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"), dir(), log, log,
                INSTALL_TIMEOUT);
        if (status != 0) {
            throw new AssertionError("npm ci in " + dir() + " failed (exit " + status + "):\n" + read(log));
        }
        try {
            Files.writeString(stamp, wanted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int exec(List<String> command, Path workDir, Path stdout, Path stderr, Duration timeout) {
        try {
            Files.createDirectories(artefacts());
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(stdout.toFile());
            if (stdout.equals(stderr)) {
                builder.redirectErrorStream(true);
            } else {
                builder.redirectError(stderr.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                        + "; its log " + stderr + ":\n" + read(stderr));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + " (is Node.js installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
