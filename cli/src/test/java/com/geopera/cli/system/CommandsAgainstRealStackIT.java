package com.geopera.cli.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.CliJson;
import com.geopera.cli.TestEnvironment;
import com.geopera.cli.http.Sleeper;
import com.geopera.systemtest.LocalStack;
import com.geopera.systemtest.StackOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of the command line against the real api and a worker (LocalStack: packaged apps, real PostgreSQL
 * and Kafka, GDAL): human and script output, exit codes and the errors the api sends.
 */
class CommandsAgainstRealStackIT {
    /** Well inside Luxembourg and inside the sample elev.tif. */
    private static final String SMALL_AOI =
            "{\"type\":\"Polygon\",\"coordinates\":[[[6.0,49.6],[6.2,49.6],[6.2,49.8],[6.0,49.8],[6.0,49.6]]]}";
    private static final String POLL = "0.2";
    private static final String API_ONLY_IMAGE = "vanished.tif";
    private static final long POLL_MILLIS = 200;
    private static final long STARTUP_SECONDS = 30;

    private static LocalStack stack;

    @TempDir
    Path dir;

    @BeforeAll
    static void startStack() throws IOException {
        Path repo = Path.of(System.getProperty("geopera.repo.root"));
        Path samples = repo.resolve(".geopera/samples");
        // A raster only the api can see: jobs on it pass validation and then fail on the worker.
        Path apiOnly = Files.createDirectories(repo.resolve("cli/target/api-only-inputs"));
        Files.copy(samples.resolve("elev.tif"), apiOnly.resolve(API_ONLY_IMAGE), StandardCopyOption.REPLACE_EXISTING);
        stack = LocalStack.start(StackOptions.workers(1)
                .withApiEnv(Map.of("GEOPERA_IMAGERY_INPUT_ROOTS", samples + "," + apiOnly))
                .withWorkerEnv(Map.of("GEOPERA_IMAGERY_INPUT_ROOTS", samples.toString())));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    /** One command-line run: exit code, stdout, stderr. */
    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return CliJson.mapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is no JSON: " + out + "\nstderr: " + err, e);
            }
        }

        List<JsonNode> ndjson() {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    try {
                        lines.add(CliJson.mapper().readTree(line));
                    } catch (IOException e) {
                        throw new AssertionError("not an NDJSON line: " + line, e);
                    }
                }
            }
            return lines;
        }

        JsonNode errorJson() {
            try {
                return CliJson.mapper().readTree(err);
            } catch (IOException e) {
                throw new AssertionError("stderr is no JSON: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Run geopera(Map<String, String> variables, String... args) {
        try {
            TestEnvironment env = new TestEnvironment(dir, Files.createDirectories(dir.resolve("home")));
            env.clock = Clock.systemUTC();
            env.sleeper = Sleeper.system();
            env.variables.putAll(variables);
            int exit = env.run(args);
            return new Run(exit, env.out(), env.err());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The stack's test org with its processing key, workspace, project and admin key, as a user configures it. */
    private Run geopera(String... args) {
        return geopera(stackVariables(stack.apiKey()), args);
    }

    private static Map<String, String> stackVariables(String apiKey) {
        return Map.of("GEOPERA_URL", stack.url(), "GEOPERA_API_KEY", apiKey, "GEOPERA_ADMIN_KEY", stack.adminKey(),
                "GEOPERA_ORG_ID", stack.orgId(), "GEOPERA_WORKSPACE_ID", stack.workspaceId(),
                "GEOPERA_PROJECT_ID", stack.projectId());
    }

    private Path aoiFile() throws IOException {
        return Files.writeString(dir.resolve("aoi.geojson"), SMALL_AOI);
    }

    private String executeClip() throws IOException {
        aoiFile();
        Run run = geopera("processing", "execute", "-p", "clip", "-i", "image=file:elev.tif", "-i", "aoi=@aoi.geojson",
                "-o", "json");
        assertThat(run.exit()).as(run.toString()).isZero();
        return run.json().path("job_id").asText();
    }

    // ---- catalog ----------------------------------------------------------------------------------------------

    @Test
    void catalog_list_shows_the_processes_as_a_table_as_json_and_as_ndjson() {
        Run human = geopera("processing", "catalog", "list");
        assertThat(human.exit()).as(human.toString()).isZero();
        assertThat(human.out()).startsWith("ID").contains("clip").containsPattern("\\d+ processes");

        Run json = geopera("processing", "catalog", "list", "--output", "json");
        assertThat(json.exit()).isZero();
        assertThat(json.json().path("processes").findValuesAsText("id")).contains("clip");

        Run ndjson = geopera("processing", "catalog", "list", "--output", "ndjson");
        assertThat(ndjson.exit()).isZero();
        assertThat(ndjson.ndjson()).extracting(line -> line.path("id").asText()).contains("clip");
    }

    @Test
    void catalog_list_and_get_are_public_and_work_without_credentials() {
        Run run = geopera(Map.of("GEOPERA_URL", stack.url()), "processing", "catalog", "get", "clip");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Process:").contains("clip").contains("Inputs:").contains("image")
                .contains("aoi");
    }

    @Test
    void catalog_get_of_an_unknown_process_exits_with_4_and_the_problem_code() {
        Run human = geopera("processing", "catalog", "get", "no-such-process");
        assertThat(human.exit()).as(human.toString()).isEqualTo(4);
        assertThat(human.err()).startsWith("error: ").contains("not_found");

        Run json = geopera("processing", "catalog", "get", "no-such-process", "-o", "json");
        assertThat(json.exit()).isEqualTo(4);
        assertThat(json.out()).isEmpty();
        assertThat(json.errorJson().path("status").asInt()).isEqualTo(404);
    }

    @Test
    void catalog_estimate_prints_the_credits_a_run_would_cost() throws IOException {
        aoiFile();
        Run human = geopera("processing", "catalog", "estimate", "-p", "clip", "-i", "image=file:elev.tif",
                "-i", "aoi=@aoi.geojson");
        assertThat(human.exit()).as(human.toString()).isZero();
        assertThat(human.out()).containsPattern("Credits: +[\\d,]+ credits?");

        Run json = geopera("processing", "catalog", "estimate", "-p", "clip", "-i", "image=file:elev.tif",
                "-i", "aoi=@aoi.geojson", "-o", "json");
        assertThat(json.json().path("credits").asLong()).isPositive();
    }

    @Test
    void catalog_validate_accepts_good_inputs_and_lists_every_problem_of_bad_ones_with_exit_6() throws IOException {
        aoiFile();
        Run valid = geopera("processing", "catalog", "validate", "-p", "clip", "-i", "image=file:elev.tif",
                "-i", "aoi=@aoi.geojson");
        assertThat(valid.exit()).as(valid.toString()).isZero();
        assertThat(valid.out()).contains("Inputs are valid for clip.");
        Run validJson = geopera("processing", "catalog", "validate", "-p", "clip", "-i", "image=file:elev.tif",
                "-i", "aoi=@aoi.geojson", "-o", "json");
        assertThat(validJson.json().path("valid").asBoolean()).isTrue();

        Run invalid = geopera("processing", "catalog", "validate", "-p", "clip", "-i", "aoi=42");
        assertThat(invalid.exit()).as(invalid.toString()).isEqualTo(6);
        assertThat(invalid.err()).contains("error: validation_failed").contains("/inputs/");
        Run invalidJson = geopera("processing", "catalog", "validate", "-p", "clip", "-i", "aoi=42", "-o", "json");
        assertThat(invalidJson.exit()).isEqualTo(6);
        assertThat(invalidJson.errorJson().path("errors").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void job_types_list_shows_the_job_types() {
        Run run = geopera("processing", "job-types", "list");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("\\d+ job types");

        Run json = geopera("processing", "job-types", "list", "-o", "json");
        assertThat(json.json().path("job_types").isArray()).isTrue();
    }

    // ---- running jobs -----------------------------------------------------------------------------------------

    @Test
    void execute_with_wait_follows_the_job_until_it_succeeded_and_prints_outputs_and_credits_charged()
            throws IOException {
        aoiFile();
        Run run = geopera("processing", "execute", "--process-id", "clip", "--input", "image=file:elev.tif",
                "--input", "aoi=@aoi.geojson", "--wait", "--poll-interval", POLL);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("Status: +succeeded").containsPattern("Charged: +[\\d,]+ credits?")
                .contains("Outputs:").contains("Billing:").contains("settled");
        assertThat(run.err()).contains("Following job_").contains("succeeded 100%");
    }

    @Test
    void execute_without_wait_prints_the_queued_job_with_its_reservation_and_how_to_follow_it() throws IOException {
        aoiFile();
        Run run = geopera("processing", "execute", "-p", "clip", "-i", "image=file:elev.tif", "-i",
                "aoi=@aoi.geojson");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("Status: +queued").containsPattern("Reserved: +[\\d,]+ credits?");
        assertThat(run.err()).containsPattern("Follow it with: geopera processing job get job_\\w+ --wait");
    }

    @Test
    void execute_with_wait_exits_with_8_when_the_job_fails_on_the_worker_and_shows_why() throws IOException {
        aoiFile();
        Run run = geopera("processing", "execute", "-p", "clip", "-i", "image=file:" + API_ONLY_IMAGE, "-i",
                "aoi=@aoi.geojson", "--wait", "--poll-interval", POLL);

        assertThat(run.exit()).as(run.toString()).isEqualTo(8);
        assertThat(run.out()).containsPattern("Status: +failed").containsPattern("Error: +\\S+")
                .containsPattern("Billing: +released").containsPattern("Charged: +0 credits");
    }

    @Test
    void execute_answers_the_same_job_when_repeated_with_the_same_idempotency_key() throws IOException {
        aoiFile();
        String key = UUID.randomUUID().toString();
        String[] args = {"processing", "execute", "-p", "clip", "-i", "image=file:elev.tif", "-i", "aoi=@aoi.geojson",
                "--idempotency-key", key, "-o", "json"};

        Run first = geopera(args);
        Run second = geopera(args);

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.json().path("job_id").asText()).isEqualTo(first.json().path("job_id").asText());
    }

    @Test
    void the_same_idempotency_key_with_other_inputs_is_refused_with_exit_6() throws IOException {
        aoiFile();
        String key = UUID.randomUUID().toString();
        geopera("processing", "execute", "-p", "clip", "-i", "image=file:elev.tif", "-i", "aoi=@aoi.geojson",
                "--idempotency-key", key);

        Run reused = geopera("processing", "execute", "-p", "clip", "-i", "image=file:logo.tif", "-i",
                "aoi=@aoi.geojson", "--idempotency-key", key);

        assertThat(reused.exit()).as(reused.toString()).isEqualTo(6);
        assertThat(reused.err()).contains("idempotency_key_reused");
    }

    @Test
    void create_makes_a_created_job_that_dispatch_then_runs_to_the_end() throws IOException {
        aoiFile();
        Run created = geopera("processing", "create", "-p", "clip", "-i", "image=file:elev.tif", "-i",
                "aoi=@aoi.geojson", "--title", "cli create", "-o", "json");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.json().path("status").asText()).isEqualTo("created");
        String jobId = created.json().path("job_id").asText();

        Run dispatched = geopera("processing", "dispatch", jobId, "--wait", "--poll-interval", POLL);

        assertThat(dispatched.exit()).as(dispatched.toString()).isZero();
        assertThat(dispatched.out()).containsPattern("Job: +" + jobId).containsPattern("Status: +succeeded");
    }

    @Test
    void create_and_dispatch_queues_the_job_and_reserves_its_credits() throws IOException {
        aoiFile();
        Run run = geopera("processing", "create-and-dispatch", "-p", "clip", "-i", "image=file:elev.tif", "-i",
                "aoi=@aoi.geojson", "-o", "ndjson");

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode job = run.ndjson().get(0);
        assertThat(job.path("status").asText()).isIn("queued", "running", "succeeded");
        assertThat(job.path("billing").path("reserved_credits").asLong()).isPositive();
    }

    @Test
    void job_get_with_wait_picks_up_a_running_job_and_job_get_shows_it_afterwards() throws IOException {
        String jobId = executeClip();

        Run followed = geopera("processing", "job", "get", jobId, "--wait", "--poll-interval", POLL);
        assertThat(followed.exit()).as(followed.toString()).isZero();
        assertThat(followed.out()).containsPattern("Status: +succeeded");

        Run shown = geopera("processing", "job", "get", jobId, "-o", "json");
        assertThat(shown.json().path("status").asText()).isEqualTo("succeeded");
        assertThat(shown.json().path("outputs").size()).isPositive();
    }

    @Test
    void job_get_of_an_unknown_job_exits_with_4() {
        Run run = geopera("processing", "job", "get", "job_00000000000000000000000000");

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.err()).startsWith("error: ");
    }

    @Test
    void job_delete_cancels_a_created_job() throws IOException {
        aoiFile();
        Run created = geopera("processing", "create", "-p", "clip", "-i", "image=file:elev.tif", "-i",
                "aoi=@aoi.geojson", "-o", "json");
        String jobId = created.json().path("job_id").asText();

        Run deleted = geopera("processing", "job", "delete", jobId);

        assertThat(deleted.exit()).as(deleted.toString()).isZero();
        assertThat(deleted.out()).containsPattern("Status: +cancelled");
    }

    @Test
    void job_tile_info_describes_a_succeeded_clip_job() throws IOException {
        String jobId = executeClip();
        geopera("processing", "job", "get", jobId, "--wait", "--poll-interval", POLL);

        Run human = geopera("processing", "job", "tile-info", jobId);
        Run json = geopera("processing", "job", "tile-info", jobId, "-o", "json");

        assertThat(human.exit()).as(human.toString()).isZero();
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(json.json().isObject()).isTrue();
        assertThat(json.json().toString()).contains(jobId);
    }

    @Test
    void job_preview_writes_a_png_of_the_output_and_job_tiles_prints_a_tilejson_url_that_opens_with_no_header()
            throws Exception {
        String jobId = executeClip();
        geopera("processing", "job", "get", jobId, "--wait", "--poll-interval", POLL);

        Path png = dir.resolve("preview.png");
        Run preview = geopera("processing", "job", "preview", jobId, "--out", png.toString(), "--max-size", "64",
                "--colormap", "viridis");
        assertThat(preview.exit()).as(preview.toString()).isZero();
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(Math.max(image.getWidth(), image.getHeight())).isLessThanOrEqualTo(64);
        int opaque = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                opaque += (image.getRGB(x, y) >>> 24) == 255 ? 1 : 0;
            }
        }
        assertThat(opaque).as("pixels of the clipped DEM").isPositive();

        Run tiles = geopera("processing", "job", "tiles", jobId);
        assertThat(tiles.exit()).as(tiles.toString()).isZero();
        String url = tiles.out().trim();
        assertThat(url).contains("/v1/processing/jobs/" + jobId + "/tilejson.json?token=");
        java.net.http.HttpResponse<String> tileJson = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(tileJson.statusCode()).as(tileJson.body()).isEqualTo(200);
        assertThat(CliJson.mapper().readTree(tileJson.body()).path("tiles").get(0).asText()).contains("token=");

        Run missing = geopera("processing", "job", "preview", "job_00000000000000000000000000", "--out",
                dir.resolve("none.png").toString());
        assertThat(missing.exit()).as(missing.toString()).isEqualTo(4);
    }

    @Test
    void job_register_of_an_unknown_job_exits_with_4() {
        Run run = geopera("processing", "job", "register", "job_00000000000000000000000000");

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
    }

    @Test
    void jobs_list_shows_the_orgs_jobs_filtered_in_every_output_format() throws IOException {
        String jobId = executeClip();

        Run human = geopera("processing", "jobs", "list", "--ids", jobId);
        assertThat(human.exit()).as(human.toString()).isZero();
        assertThat(human.out()).startsWith("JOB").contains(jobId).contains("1 job");

        Run json = geopera("processing", "jobs", "list", "--process-id", "clip", "--limit", "2", "--sort",
                "-created_at", "-o", "json");
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(json.json().path("jobs").size()).isBetween(1, 2);
        assertThat(json.json().path("limit").asInt()).isEqualTo(2);

        Run ndjson = geopera("processing", "jobs", "list", "--ids", jobId, "-o", "ndjson");
        assertThat(ndjson.ndjson()).extracting(line -> line.path("job_id").asText()).containsExactly(jobId);

        Run none = geopera("processing", "jobs", "list", "--ids", jobId, "--status", "failed");
        assertThat(none.out()).contains("No jobs.");
    }

    @Test
    void jobs_list_pages_with_cursor_follows_every_page_with_all_and_streams_the_whole_listing_as_ndjson()
            throws IOException {
        aoiFile();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Run run = geopera("processing", "create", "-p", "clip", "-i", "image=file:elev.tif", "-i",
                    "aoi=@aoi.geojson", "--title", "paged " + i, "-o", "json");
            assertThat(run.exit()).as(run.toString()).isZero();
            created.add(run.json().path("job_id").asText());
        }
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        String ids = String.join(",", created);

        Run first = geopera("processing", "jobs", "list", "--ids", ids, "--limit", "2", "-o", "json");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.json().path("jobs").findValuesAsText("job_id")).isEqualTo(newestFirst.subList(0, 2));
        assertThat(first.json().path("has_more").asBoolean()).isTrue();
        String cursor = first.json().path("next_cursor").asText();
        Run second = geopera("processing", "jobs", "list", "--ids", ids, "--limit", "2", "--cursor", cursor, "-o",
                "json");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.json().path("jobs").findValuesAsText("job_id")).as("the page after the first")
                .isEqualTo(newestFirst.subList(2, 4));

        Run all = geopera("processing", "jobs", "list", "--ids", ids, "--limit", "2", "--all", "-o", "json");
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.json().path("jobs").findValuesAsText("job_id")).as("three pages of 2, 2 and 1 job")
                .isEqualTo(newestFirst);
        assertThat(all.json().path("has_more").asBoolean()).isFalse();
        assertThat(all.json().has("next_cursor")).isFalse();
        Run allHuman = geopera("processing", "jobs", "list", "--ids", ids, "--limit", "2", "--all");
        assertThat(allHuman.out()).as(allHuman.toString()).contains(created).contains("5 jobs");

        Run streamed = geopera("processing", "jobs", "list", "--ids", ids, "--limit", "2", "-o", "ndjson");
        assertThat(streamed.exit()).as(streamed.toString()).isZero();
        assertThat(streamed.ndjson()).as("the whole listing, not a page of 2")
                .extracting(line -> line.path("job_id").asText()).isEqualTo(newestFirst);
        assertThat(streamed.out().lines().toList()).hasSize(5);
        Run streamedAfter = geopera("processing", "jobs", "list", "--ids", ids, "--cursor", cursor, "-o", "ndjson");
        assertThat(streamedAfter.ndjson()).as("the listing after the cursor's page")
                .extracting(line -> line.path("job_id").asText()).isEqualTo(newestFirst.subList(2, 5));

        Run projectPages = geopera("processing", "project-jobs", "list", "--limit", "3", "--all", "-o", "json");
        assertThat(projectPages.exit()).as(projectPages.toString()).isZero();
        List<String> paged = projectPages.json().path("jobs").findValuesAsText("job_id");
        Run projectStream = geopera("processing", "project-jobs", "list", "-o", "ndjson");
        assertThat(projectStream.exit()).as(projectStream.toString()).isZero();
        assertThat(paged).doesNotHaveDuplicates().hasSizeGreaterThan(3)
                .isEqualTo(projectStream.ndjson().stream().map(line -> line.path("job_id").asText()).toList());

        Run tampered = geopera("processing", "jobs", "list", "--ids", ids, "--cursor", cursor + "x");
        assertThat(tampered.exit()).as(tampered.toString()).isEqualTo(6);
        assertThat(tampered.err()).contains("invalid_cursor");
    }

    @Test
    void project_job_and_project_jobs_show_the_jobs_of_the_configured_project() throws IOException {
        String jobId = executeClip();

        Run list = geopera("processing", "project-jobs", "list", "--limit", "100", "-o", "json");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.json().path("jobs").findValuesAsText("job_id")).contains(jobId);

        Run get = geopera("processing", "project-job", "get", jobId);
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(get.out()).contains(jobId);
    }

    // ---- credentials and scopes -------------------------------------------------------------------------------

    @Test
    void a_wrong_api_key_exits_with_3() {
        Run run = geopera(stackVariables("gpra_not_a_real_key_at_all"), "processing", "jobs", "list");

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("unauthenticated");
    }

    @Test
    void a_key_without_the_process_scope_may_read_but_not_execute() throws IOException {
        Run key = geopera("admin", "api-keys", "create", "--scope", "processing:read", "reader", "-o", "json");
        assertThat(key.exit()).as(key.toString()).isZero();
        String readerKey = key.json().path("api_key").asText();
        aoiFile();

        Run read = geopera(stackVariables(readerKey), "processing", "jobs", "list");
        Run execute = geopera(stackVariables(readerKey), "processing", "execute", "-p", "clip", "-i",
                "image=file:elev.tif", "-i", "aoi=@aoi.geojson");

        assertThat(read.exit()).as(read.toString()).isZero();
        assertThat(execute.exit()).as(execute.toString()).isEqualTo(3);
        assertThat(execute.err()).contains("insufficient_scope");
    }

    @Test
    void a_revoked_key_is_refused_with_exit_3() {
        Run key = geopera("admin", "api-keys", "create", "--scope", "processing:read", "short-lived", "-o", "json");
        String secret = key.json().path("api_key").asText();
        String keyId = key.json().path("key_id").asText();

        Run revoked = geopera("admin", "api-keys", "revoke", keyId);
        Run refused = geopera(stackVariables(secret), "processing", "jobs", "list");

        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(revoked.out()).contains("Revoked " + keyId);
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
    }

    @Test
    void auth_login_stores_a_session_in_the_profile_that_later_commands_use() throws IOException {
        Map<String, String> withKey = Map.of("GEOPERA_URL", stack.url(), "GEOPERA_API_KEY", stack.apiKey());
        Run login = geopera(withKey, "auth", "login");
        assertThat(login.exit()).as(login.toString()).isZero();
        assertThat(login.out()).contains("Logged in").contains("profile 'default'");
        assertThat(Files.readString(dir.resolve("home/.config/geopera/config"))).contains("session_token = ");

        Run list = geopera(Map.of("GEOPERA_URL", stack.url()), "processing", "jobs", "list");
        assertThat(list.exit()).as(list.toString()).isZero();

        Run show = geopera(Map.of("GEOPERA_URL", stack.url()), "config", "show");
        assertThat(show.out()).contains("session_token");
    }

    @Test
    void auth_logout_revokes_the_session_on_the_api_and_removes_it_from_the_profile() throws IOException {
        Map<String, String> withKey = Map.of("GEOPERA_URL", stack.url(), "GEOPERA_API_KEY", stack.apiKey());
        Run login = geopera(withKey, "auth", "login");
        assertThat(login.exit()).as(login.toString()).isZero();
        Path profile = dir.resolve("home/.config/geopera/config");
        String token = Files.readAllLines(profile).stream().filter(line -> line.startsWith("session_token = "))
                .map(line -> line.substring("session_token = ".length()).trim()).findFirst().orElseThrow();

        Run logout = geopera(Map.of("GEOPERA_URL", stack.url()), "auth", "logout");

        assertThat(logout.exit()).as(logout.toString()).isZero();
        assertThat(logout.out()).contains("revoked on the api");
        assertThat(Files.readString(profile)).doesNotContain("session_token");
        Run withOldToken = geopera(Map.of("GEOPERA_URL", stack.url(), "GEOPERA_API_KEY", token), "processing", "jobs",
                "list");
        assertThat(withOldToken.exit()).as(withOldToken.toString()).isEqualTo(3);
    }

    @Test
    void an_org_without_credits_cannot_execute_and_exits_with_5_showing_required_and_available()
            throws IOException {
        Run org = geopera("admin", "orgs", "create", "Broke Ltd", "-o", "json");
        assertThat(org.exit()).as(org.toString()).isZero();
        String orgId = org.json().path("org_id").asText();
        Run workspace = geopera("admin", "workspaces", "create", "--org-id", orgId, "main", "-o", "json");
        assertThat(workspace.exit()).as(workspace.toString()).isZero();
        Run key = geopera("admin", "api-keys", "create", "--org-id", orgId, "--scope",
                "processing:read,processing:process", "broke", "-o", "json");
        assertThat(key.exit()).as(key.toString()).isZero();
        aoiFile();
        Map<String, String> broke = Map.of("GEOPERA_URL", stack.url(), "GEOPERA_API_KEY",
                key.json().path("api_key").asText(), "GEOPERA_WORKSPACE_ID",
                workspace.json().path("workspace_id").asText());

        Run run = geopera(broke, "processing", "execute", "-p", "clip", "-i", "image=file:elev.tif", "-i",
                "aoi=@aoi.geojson");

        assertThat(run.exit()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("insufficient_credits").contains("required:").contains("available:");
    }

    // ---- admin ------------------------------------------------------------------------------------------------

    @Test
    void admin_commands_create_an_org_with_workspace_project_member_and_credits() {
        Run org = geopera("admin", "orgs", "create", "Acme Survey", "-o", "json");
        String orgId = org.json().path("org_id").asText();
        Run workspace = geopera("admin", "workspaces", "create", "--org-id", orgId, "Coastal", "-o", "json");
        String workspaceId = workspace.json().path("workspace_id").asText();
        Run project = geopera("admin", "projects", "create", "--org-id", orgId, "--workspace-id", workspaceId,
                "Harbour", "-o", "json");
        String projectId = project.json().path("project_id").asText();
        Run key = geopera("admin", "api-keys", "create", "--org-id", orgId, "--scope", "processing:read", "ci");
        assertThat(key.exit()).as(key.toString()).isZero();
        assertThat(key.out()).contains("api_key").contains("gpra_");
        assertThat(key.err()).contains("never shows it again");
        Run keyJson = geopera("admin", "api-keys", "create", "--org-id", orgId, "--scope", "processing:read", "ci2",
                "-o", "json");
        Run member = geopera("admin", "projects", "members", "add", "--project-id", projectId,
                keyJson.json().path("key_id").asText());
        Run grant = geopera("admin", "credits", "grant", "--org-id", orgId, "2500");
        Run balance = geopera("admin", "credits", "balance", "--org-id", orgId);
        Run balanceJson = geopera("admin", "credits", "balance", "--org-id", orgId, "-o", "json");

        assertThat(List.of(org, workspace, project, member, grant, balance)).allSatisfy(run ->
                assertThat(run.exit()).as(run.toString()).isZero());
        assertThat(orgId).startsWith("org_");
        assertThat(workspaceId).startsWith("ws_");
        assertThat(projectId).startsWith("prj_");
        assertThat(member.out()).contains("Added");
        assertThat(balance.out()).containsPattern("Available: +2,500 credits");
        assertThat(balanceJson.json().path("available").asLong()).isEqualTo(2500);
        assertThat(balanceJson.json().path("invariants_ok").asBoolean()).isTrue();
    }

    @Test
    void admin_commands_with_a_processing_key_are_refused_with_exit_3() {
        Map<String, String> noAdmin = Map.of("GEOPERA_URL", stack.url(), "GEOPERA_API_KEY", stack.apiKey());

        Run run = geopera(noAdmin, "admin", "orgs", "create", "Nope");

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    }

    // ---- Ctrl-C -----------------------------------------------------------------------------------------------

    @Test
    void ctrl_c_while_waiting_exits_with_130_leaves_the_job_alone_and_says_how_to_follow_it_again()
            throws Exception {
        aoiFile();
        Run created = geopera("processing", "create", "-p", "clip", "-i", "image=file:elev.tif", "-i",
                "aoi=@aoi.geojson", "-o", "json");
        String jobId = created.json().path("job_id").asText();
        Path launcher = Path.of(System.getProperty("geopera.repo.root")).resolve("cli/bin/geopera");
        Path stderr = dir.resolve("stderr.txt");
        // As in a terminal: SIGINT at its default, even when this test runs under a shell that ignores it.
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", launcher.toString(), "processing",
                "job", "get", jobId, "--wait", "--poll-interval", POLL).redirectError(stderr.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile());
        builder.environment().putAll(stackVariables(stack.apiKey()));
        Process process = builder.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
        while (!Files.readString(stderr).contains("Following") && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
        Thread.sleep(POLL_MILLIS);

        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        boolean ended = process.waitFor(STARTUP_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }

        assertThat(ended).as("the follower ended after SIGINT").isTrue();
        assertThat(process.exitValue()).isEqualTo(130);
        assertThat(Files.readString(stderr)).contains("Stopped following " + jobId)
                .contains("geopera processing job get " + jobId + " --wait");
        Run after = geopera("processing", "job", "get", jobId, "-o", "json");
        assertThat(after.json().path("status").asText()).isEqualTo("created");
    }

    // ---- ops --------------------------------------------------------------------------------------------------

    @Test
    void an_operator_key_shows_queues_workers_and_stuck_jobs_pauses_and_resumes_a_queue_and_the_audit_says_so() {
        Run key = geopera("admin", "api-keys", "create", "--scope", "ops:read,ops:write", "on-call", "-o", "json");
        assertThat(key.exit()).as(key.toString()).isZero();
        assertThat(key.json().has("org_id")).as("an operator key belongs to no org").isFalse();
        Map<String, String> operator = Map.of("GEOPERA_URL", stack.url(), "GEOPERA_OPS_KEY",
                key.json().path("api_key").asText());

        Run table = geopera(operator, "ops", "queues");
        assertThat(table.exit()).as(table.toString()).isZero();
        assertThat(table.out()).contains("QUEUE").contains("BACKLOG").contains("clip").contains("bathy");
        Run queues = geopera(operator, "ops", "queues", "--queue", "clip", "-o", "json");
        assertThat(queues.json().path("kafka_readable").asBoolean()).as(queues.toString()).isTrue();
        assertThat(queues.json().path("queues").get(0).path("backlog").asLong()).isZero();
        // The stack's one worker says so in its heartbeats (every 5 s).
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (geopera(operator, "ops", "workers", "-o", "json").json().path("workers").findValues("alive").stream()
                .noneMatch(JsonNode::asBoolean)) {
            assertThat(System.nanoTime()).as("a live worker within 30 s").isLessThan(deadline);
            sleep(1_000);
        }
        JsonNode worker = geopera(operator, "ops", "workers", "-o", "json").json().path("workers").get(0);
        assertThat(worker.path("slots").asInt()).isPositive();
        assertThat(worker.path("queues").toString()).contains("clip");
        Run jobs = geopera(operator, "ops", "jobs", "-o", "json");
        assertThat(jobs.exit()).as(jobs.toString()).isZero();
        assertThat(jobs.json().has("stuck")).isTrue();

        Run paused = geopera(operator, "ops", "queue", "pause", "bathy", "--reason", "cli test", "-o", "json");
        assertThat(paused.exit()).as(paused.toString()).isZero();
        assertThat(paused.json().path("paused").asBoolean()).isTrue();
        Run resumed = geopera(operator, "ops", "queue", "resume", "bathy");
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).containsPattern("Paused: +false");
        Run audit = geopera(operator, "ops", "audit", "--limit", "2", "-o", "json");
        assertThat(audit.json().path("entries").findValuesAsText("action"))
                .containsExactly("ops.queues.resume", "ops.queues.pause");

        Run refused = geopera(Map.of("GEOPERA_URL", stack.url(), "GEOPERA_OPS_KEY", stack.apiKey()), "ops", "queues");
        assertThat(refused.exit()).as("an org key is no operator").isEqualTo(3);
    }

    @Test
    void an_operator_retries_a_failed_job_once_and_cancels_a_job_of_the_org_and_a_finished_job_is_refused()
            throws IOException {
        aoiFile();
        Run key = geopera("admin", "api-keys", "create", "--scope", "ops:read,ops:write", "on-call", "-o", "json");
        assertThat(key.exit()).as(key.toString()).isZero();
        Map<String, String> operator = Map.of("GEOPERA_URL", stack.url(), "GEOPERA_OPS_KEY",
                key.json().path("api_key").asText());
        Run failed = geopera("processing", "execute", "-p", "clip", "-i", "image=file:" + API_ONLY_IMAGE, "-i",
                "aoi=@aoi.geojson", "--wait", "--poll-interval", POLL, "-o", "json");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(8);
        String failedId = failed.json().path("job_id").asText();

        Run retried = geopera(operator, "ops", "job", "retry", failedId, "--reason", "input fixed");
        assertThat(retried.exit()).as(retried.toString()).isZero();
        assertThat(retried.out()).containsPattern("Retry of: +" + failedId).containsPattern("Status: +(queued|running)")
                .containsPattern("Attempt: +1").containsPattern("Billing: +reserved").containsPattern("Job: +job_\\w+");
        Run again = geopera(operator, "ops", "job", "retry", failedId, "-o", "json");
        assertThat(again.exit()).as("a job is retried at most once").isEqualTo(6);
        assertThat(again.err()).contains("illegal_transition");

        Run created = geopera("processing", "create", "-p", "clip", "-i", "image=file:elev.tif", "-i",
                "aoi=@aoi.geojson", "-o", "json");
        String createdId = created.json().path("job_id").asText();
        Run cancelled = geopera(operator, "ops", "job", "cancel", createdId, "--reason", "cli test", "-o", "json");
        assertThat(cancelled.exit()).as(cancelled.toString()).isZero();
        assertThat(cancelled.json().path("job").path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.json().path("audit_id").asLong()).isPositive();
        assertThat(cancelled.json().has("retry_of")).isFalse();
        assertThat(geopera(operator, "ops", "job", "cancel", createdId).exit()).as("a finished job").isEqualTo(6);
        assertThat(geopera(operator, "ops", "job", "cancel", "job_01NOSUCHJOB").exit()).isEqualTo(4);

        Run audit = geopera(operator, "ops", "audit", "--limit", "2", "-o", "json");
        assertThat(audit.json().path("entries").findValuesAsText("action"))
                .containsExactly("ops.jobs.cancel", "ops.jobs.retry");
        Run refused = geopera(Map.of("GEOPERA_URL", stack.url(), "GEOPERA_OPS_KEY", stack.apiKey()), "ops", "job",
                "cancel", createdId);
        assertThat(refused.exit()).as("an org key is no operator").isEqualTo(3);
    }

    @Test
    void ops_health_reports_the_api_up() {
        Run run = geopera("ops", "health");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("Status: +UP");

        Run json = geopera("ops", "health", "-o", "json");
        assertThat(json.json().path("status").asText()).isEqualTo("UP");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
