package com.geopera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the command line decides on its own, before any request: help, completion, usage and config errors. */
class CommandLineWithoutApiTest {
    @TempDir
    Path root;
    TestEnvironment env;

    @BeforeEach
    void environment() throws IOException {
        env = new TestEnvironment(Files.createDirectories(root.resolve("work")),
                Files.createDirectories(root.resolve("home")));
    }

    private static List<List<String>> commandPaths(CommandLine command, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        paths.add(prefix);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths.addAll(commandPaths(sub, path));
        });
        return paths;
    }

    @Test
    void every_command_answers_help_with_an_example_and_the_exit_codes() {
        List<List<String>> paths = commandPaths(GeoperaCli.commandLine(env.build()), List.of());
        assertThat(paths).hasSizeGreaterThan(40);
        for (List<String> path : paths) {
            env.clearOutput();
            List<String> args = new ArrayList<>(path);
            args.add("--help");

            int exit = env.run(args.toArray(String[]::new));

            assertThat(exit).as("exit of %s --help", path).isZero();
            assertThat(env.out()).as("help of %s", path).contains("Usage: geopera").contains("Example")
                    .contains("Exit codes");
            assertThat(exampleLines(env.out())).as("examples of %s stay unwrapped", path)
                    .isNotEmpty().allMatch(line -> line.startsWith("  "));
        }
    }

    private static List<String> exampleLines(String help) {
        List<String> lines = new ArrayList<>();
        boolean inExamples = false;
        for (String line : help.split("\\R")) {
            if (line.startsWith("Example")) {
                inExamples = true;
            } else if (line.isBlank()) {
                inExamples = false;
            } else if (inExamples) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void the_command_tree_mirrors_every_operation_of_the_reference() {
        List<String> commands = commandPaths(GeoperaCli.commandLine(env.build()), List.of()).stream()
                .map(path -> String.join(" ", path)).toList();

        assertThat(commands).contains(
                "processing catalog list", "processing catalog get", "processing catalog estimate",
                "processing catalog validate", "processing create", "processing create-and-dispatch",
                "processing dispatch", "processing execute", "processing job-types list", "processing job get",
                "processing job delete", "processing job register", "processing job tile-info",
                "processing jobs list", "processing project-job get", "processing project-jobs list",
                "admin orgs create", "admin workspaces create", "admin projects create", "admin projects members add",
                "admin api-keys create", "admin api-keys revoke", "admin credits grant", "admin credits balance",
                "auth login", "ops health", "ops queues", "ops workers", "ops jobs", "ops queue pause",
                "ops queue resume", "ops job retry", "ops job cancel", "ops audit", "completion");
    }

    @Test
    void the_completion_script_is_generated_from_the_command_tree() {
        int exit = env.run("completion", "bash");

        assertThat(exit).isZero();
        assertThat(env.out()).contains("complete -F").contains("create-and-dispatch").contains("tile-info")
                .contains("api-keys").contains("--idempotency-key");
    }

    @Test
    void unknown_options_missing_arguments_and_bare_groups_are_usage_errors() {
        assertThat(env.run("processing", "jobs", "list", "--no-such-option")).isEqualTo(2);
        assertThat(env.err()).contains("Unknown option");
        assertThat(env.run("processing", "execute")).isEqualTo(2);
        assertThat(env.run("processing")).isEqualTo(2);
        assertThat(env.run("processing", "job", "get")).isEqualTo(2);
        assertThat(env.run("completion", "fish")).isEqualTo(2);
        assertThat(env.run("--output", "yaml", "processing", "jobs", "list")).isEqualTo(2);
    }

    @Test
    void a_command_that_needs_credentials_exits_with_3_when_none_are_configured() {
        int exit = env.run("processing", "jobs", "list");

        assertThat(exit).isEqualTo(3);
        assertThat(env.err()).contains("no credentials").contains("GEOPERA_API_KEY");
    }

    @Test
    void operator_commands_need_an_operator_or_admin_key_and_a_queue_or_job_action_its_target() {
        assertThat(env.run("ops", "queues")).isEqualTo(3);
        assertThat(env.err()).contains("no operator credentials").contains("GEOPERA_OPS_KEY");
        env.clearOutput();
        assertThat(env.run("ops", "queue", "pause")).isEqualTo(2);
        assertThat(env.err()).contains("NAME");
        assertThat(env.run("ops", "queue")).isEqualTo(2);
        env.clearOutput();
        assertThat(env.run("ops", "job", "retry")).isEqualTo(2);
        assertThat(env.err()).contains("JOB");
        assertThat(env.run("ops", "job", "cancel", "job_1", "--why", "x")).isEqualTo(2);
        assertThat(env.run("ops", "job")).isEqualTo(2);
        assertThat(env.run("ops", "jobs", "--limit", "many")).isEqualTo(2);
    }

    @Test
    void execute_without_a_workspace_is_a_usage_error_naming_the_flag() {
        env.variables.put("GEOPERA_API_KEY", "gpra_test");

        int exit = env.run("processing", "execute", "--process-id", "clip", "--input", "m0=1");

        assertThat(exit).isEqualTo(2);
        assertThat(env.err()).contains("--workspace-id").contains("GEOPERA_WORKSPACE_ID");
    }

    @Test
    void an_unreachable_api_exits_with_7_after_the_bounded_retries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int exit = env.run("--url", "http://127.0.0.1:" + closedPort, "processing", "catalog", "list");

        assertThat(exit).isEqualTo(7);
        assertThat(env.err()).contains("cannot reach the api at http://127.0.0.1:" + closedPort);
    }

    @Test
    void logout_with_an_unreachable_api_forgets_the_session_locally_and_says_it_stays_valid_on_the_server()
            throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path profile = Files.createDirectories(env.homeDir.resolve(".config/geopera")).resolve("config");
        Files.writeString(profile, "[default]\nurl = http://127.0.0.1:" + closedPort + "\n"
                + "session_token = gprs_abcdefghijkmsecretsecretsecretsecret\n"
                + "session_expires_at = 2026-11-25T13:00:00Z\n");

        int exit = env.run("auth", "logout");

        assertThat(exit).isEqualTo(7);
        assertThat(Files.readString(profile)).doesNotContain("session_token").contains("url = ");
        assertThat(env.out()).contains("Session removed from profile 'default'");
        assertThat(env.err()).contains("could not revoke the session").contains("cannot reach the api")
                .contains("stays valid on the server until 2026-11-25 13:00:00 UTC");
    }

    @Test
    void spend_and_read_commands_retry_network_failures_with_bounded_backoff_but_admin_creates_do_not()
            throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<Duration> pauses = new ArrayList<>();
        env.sleeper = pauses::add;
        env.variables.put("GEOPERA_URL", "http://127.0.0.1:" + closedPort);
        env.variables.put("GEOPERA_API_KEY", "gpra_test");
        env.variables.put("GEOPERA_WORKSPACE_ID", "ws_test");

        int spend = env.run("processing", "execute", "-p", "clip", "-i", "m0=1", "--idempotency-key", "k1");
        List<Duration> spendPauses = List.copyOf(pauses);
        pauses.clear();
        int admin = env.run("admin", "orgs", "create", "Acme");

        assertThat(spend).isEqualTo(7);
        assertThat(spendPauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(admin).isEqualTo(7);
        assertThat(pauses).isEmpty();
    }

    @Test
    void an_unreachable_api_is_reported_as_problem_json_in_script_formats() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int exit = env.run("--url", "http://127.0.0.1:" + closedPort, "-o", "json", "processing", "catalog", "list");

        assertThat(exit).isEqualTo(7);
        assertThat(env.out()).isEmpty();
        assertThat(env.err()).contains("\"exit_code\" : 7").contains("\"code\" : \"cli_server\"");
    }

    @Test
    void config_show_tells_each_value_and_where_it_came_from_with_secrets_shortened() throws IOException {
        Files.createDirectories(root.resolve(".geopera"));
        Files.writeString(root.resolve(".geopera/local.env"),
                "GEOPERA_URL=http://127.0.0.1:8080\nGEOPERA_API_KEY=gpra_abcdefghijklmnop\n");
        env.variables.put("GEOPERA_WORKSPACE_ID", "ws_env");

        int exit = env.run("config", "show");

        assertThat(exit).isZero();
        assertThat(env.out()).contains("workspace_id").contains("ws_env").contains("environment")
                .contains("local_stack").contains("gpra_abcd…").doesNotContain("gpra_abcdefghijklmnop");
    }

    @Test
    void the_root_help_documents_the_exit_codes_and_the_configuration_precedence() {
        assertThat(env.run("--help")).isZero();

        assertThat(env.out()).contains("Exit codes:").contains("130").contains("insufficient credits (HTTP 402)")
                .contains(".geopera/local.env");
    }
}
