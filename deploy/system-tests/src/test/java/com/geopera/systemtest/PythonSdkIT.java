package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Python SDK's own suite ({@code sdk/python/tests}, unittest) against the packaged api, a worker, Kafka and
 * PostgreSQL: every operation, errors, idempotent retries, wait, paging, NDJSON, downloads with resume, the OpenAPI
 * document against the SDK's methods, and the README's quickstart. The interpreter is Debian's
 * {@code /usr/bin/python3} (deploy/test installs it), not whatever a developer's PATH finds first;
 * {@code GEOPERA_TEST_PYTHON} names another.
 */
class PythonSdkIT {
    private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern RAN = Pattern.compile("^Ran (\\d+) tests? in ", Pattern.MULTILINE);

    @RegisterExtension
    static final PerClassStack system = new PerClassStack(StackOptions.workers(1));

    @Test
    void the_python_sdk_suite_passes_against_the_packaged_api_and_worker(LocalStack stack) {
        Path sdk = TestServers.repoRoot().resolve("sdk/python");
        String python = python();

        String output = ExternalSuite.command(python, "-m", "unittest", "discover", "-s", "tests", "-t", "tests", "-v")
                .directory(sdk)
                .environment("PYTHONPATH", sdk.resolve("src").toString())
                .environment("PYTHONDONTWRITEBYTECODE", "1")
                .environment("PYTHONUNBUFFERED", "1")
                .against(stack)
                .run(SUITE_TIMEOUT, stack.runDir().resolve("python-sdk-tests.log"));

        Matcher ran = RAN.matcher(output);
        assertThat(ran.find()).as("unittest summary in:%n%s", output).isTrue();
        assertThat(Integer.parseInt(ran.group(1))).as("tests run").isPositive();
        assertThat(output).as("no test may skip itself").doesNotContain("skipped");
        assertThat(output.strip()).endsWith("OK");
    }

    private static String python() {
        String configured = System.getenv("GEOPERA_TEST_PYTHON");
        String python = configured == null || configured.isBlank() ? "/usr/bin/python3" : configured;
        assertThat(Files.isExecutable(Path.of(python)))
                .as("%s missing: deploy/test installs Debian's python3 (apt-get install python3)", python).isTrue();
        return python;
    }
}
