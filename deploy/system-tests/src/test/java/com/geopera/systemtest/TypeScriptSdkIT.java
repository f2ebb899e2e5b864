package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TypeScript SDK ({@code sdk/typescript}) built from its committed lockfile and its own suite (Node's test
 * runner, {@code sdk/typescript/test}) run against the real api, a worker, Kafka and PostgreSQL. The api runs with a
 * low request rate so that the suite meets real 429 answers (each test that needs an org of its own makes one, so
 * the limit is per test; the 429 test runs alone after the others, see sdk/typescript/package.json).
 */
class TypeScriptSdkIT {
    private static final Pattern SUMMARY = Pattern.compile("^# (tests|pass|fail|cancelled|skipped|todo) (\\d+)$",
            Pattern.MULTILINE);

    @RegisterExtension
    static final PerClassStack system = new PerClassStack(StackOptions.workers(1).withApiEnv(Map.of(
            "GEOPERA_LIMITS_REQUESTS_PER_SECOND", "5",
            "GEOPERA_LIMITS_BURST", "60")));

    @Test
    void the_typescript_sdk_builds_from_its_lockfile_and_passes_its_whole_suite_against_the_stack(LocalStack stack) {
        Path sdk = TestServers.repoRoot().resolve("sdk/typescript");
        Path logs = stack.runDir();
        ExternalSuite.command("npm", "ci", "--no-audit", "--no-fund").directory(sdk)
                .run(Duration.ofMinutes(5), logs.resolve("typescript-sdk-npm-ci.log"));
        ExternalSuite.command("npm", "run", "build").directory(sdk)
                .run(Duration.ofMinutes(3), logs.resolve("typescript-sdk-build.log"));

        String output = ExternalSuite.command("npm", "test").directory(sdk).against(stack)
                .run(Duration.ofMinutes(8), logs.resolve("typescript-sdk-test.log"));

        Map<String, Integer> summary = summary(output);
        assertThat(summary).as("node --test summary in\n%s", output)
                .containsEntry("fail", 0).containsEntry("cancelled", 0).containsEntry("skipped", 0)
                .containsEntry("todo", 0);
        assertThat(summary.get("pass")).as("tests run").isEqualTo(summary.get("tests")).isGreaterThanOrEqualTo(40);
    }

    private static Map<String, Integer> summary(String output) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        Matcher m = SUMMARY.matcher(output);
        while (m.find()) {
            counts.merge(m.group(1), Integer.parseInt(m.group(2)), Integer::sum); // one summary per node --test run
        }
        return counts;
    }
}
