package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operators' console ({@code /ops/}) in Debian's headless chromium against the whole stack. A clip job succeeds
 * and one fails on the worker, then the worker is killed and two more clip jobs wait: queue clip is in trouble (jobs
 * waiting, no live worker). {@code browser/ops-console.mjs} then opens the page, signs in with an operator key,
 * reads the tables, pauses and resumes clip through the confirmation dialog, and signs in with an org key. The
 * numbers it read are held against {@code ops.queues} / {@code ops.workers} and the credits against the ledger;
 * last, a second run retries the failed job with its Retry button. The screenshots stay in {@code target/browser/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsConsoleIT {
    private static final Duration BROWSER_RUN = Duration.ofSeconds(180);
    private static final String QUEUE = "clip";
    private static final int WAITING = 2;
    private static final Pattern AGE = Pattern.compile("^(?:(\\d+) h )?(?:(\\d+) min )?(?:(\\d+) s)?$");

    @RegisterExtension
    static final PerClassStack system = new PerClassStack(
            Inputs.withApiOnlyImageAndFastOpsSnapshot(StackOptions.workers(1)));

    private static JsonNode report;
    /** ops.queues and ops.workers as the api answered right after the browser read its first refresh. */
    private static JsonNode queues;
    private static JsonNode workers;
    private static long heldCredits;
    /** When the api answered {@link #queues} (epoch ms). */
    private static long answeredAtMs;

    @BeforeAll
    static void a_queue_in_trouble_seen_through_the_console(LocalStack stack, Jobs jobs) {
        jobs.oneSucceededAndOneFailed();
        OperationClient operator = stack.operator();
        // The worker commits its offsets after the jobs ended, not with them: killed before that commit, its two
        // finished records would still count as backlog (and run again on the next worker).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(queue(operator.ok("ops.queues", Map.of()), QUEUE).path("backlog").asInt()).isZero());
        stack.killWorker(1);
        for (int i = 0; i < WAITING; i++) {
            jobs.executeClip("file:elev.tif", Jobs.SMALL_AOI);
        }
        heldCredits = stack.balance().path("pending").asLong();
        assertThat(heldCredits).as("credits held by the waiting jobs").isPositive();
        // The api sees the worker gone (heartbeat timeout), the records in Kafka, and the gauges refreshed.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode clip = queue(operator.ok("ops.queues", Map.of()), QUEUE);
            assertThat(clip.path("workers_alive").asInt()).isZero();
            assertThat(clip.path("backlog").asInt()).isEqualTo(WAITING);
            assertThat(MetricsText.scrape(stack.url()).value("geopera_credits_held")).isEqualTo((double) heldCredits);
        });

        report = BrowserScript.run("ops-console.mjs", "ops-console", BROWSER_RUN, "--url", stack.url() + "/ops/",
                "--out", BrowserScript.artefacts().toString(), "--name", "ops-console",
                "--operator-key", stack.operatorKey(), "--org-key", stack.apiKey(), "--queue", QUEUE);
        queues = operator.ok("ops.queues", Map.of());
        answeredAtMs = System.currentTimeMillis();
        workers = operator.ok("ops.workers", Map.of());
    }

    private static JsonNode queue(JsonNode answer, String name) {
        for (JsonNode queue : answer.path("queues")) {
            if (queue.path("queue").asText().equals(name)) {
                return queue;
            }
        }
        throw new AssertionError("no queue " + name + " in " + answer);
    }

    private static String count(long value) {
        return String.format(Locale.ENGLISH, "%,d", value);
    }

    /** Seconds of an age as the console writes it ("45 s", "3 min 20 s", "2 h 5 min"). */
    private static long seconds(String age) {
        Matcher m = AGE.matcher(age);
        assertThat(m.matches()).as("an age: '%s'", age).isTrue();
        return (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600)
                + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60)
                + (m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
    }

    @Test
    void without_a_key_the_page_shows_only_the_sign_in_and_asks_the_api_for_nothing() {
        JsonNode anonymous = report.path("anonymous");
        assertThat(report.path("page_status").asInt()).isEqualTo(200);
        assertThat(report.path("page_type").asText()).startsWith("text/html");
        assertThat(anonymous.path("sign_in_hidden").asBoolean()).isFalse();
        assertThat(anonymous.path("console_hidden").asBoolean()).isTrue();
        assertThat(anonymous.path("calls")).as("api calls before signing in").isEmpty();
        assertThat(anonymous.path("queues").toString()).doesNotContain(QUEUE);
    }

    @Test
    void the_queue_table_shows_the_numbers_of_ops_queues_with_the_queue_in_trouble_first_and_in_red() {
        JsonNode rows = report.path("signed_in").path("queues");
        assertThat(rows).hasSize(queues.path("queues").size());
        JsonNode first = rows.get(0);
        assertThat(first.path("Queue").asText()).as("the first row").isEqualTo(QUEUE);
        assertThat(first.path("class").asText()).isEqualTo("level-critical");
        assertThat(first.path("State").asText()).contains("No live workers");
        for (JsonNode row : rows) {
            JsonNode answer = queue(queues, row.path("Queue").asText());
            String name = answer.path("queue").asText();
            assertThat(row.path("Backlog").asText()).as("backlog of %s", name).isEqualTo(count(answer.path("backlog").asLong()));
            assertThat(row.path("Running").asText()).as("running of %s", name).isEqualTo(count(answer.path("running").asLong()));
            JsonNode last5 = answer.path("throughput").path("last_5m");
            JsonNode last60 = answer.path("throughput").path("last_60m");
            assertThat(row.path("Done 5 / 60 min").asText()).as(name)
                    .isEqualTo(count(last5.path("succeeded").asLong()) + " / " + count(last60.path("succeeded").asLong()));
            assertThat(row.path("Failed 5 / 60 min").asText()).as(name)
                    .startsWith(count(last5.path("failed").asLong()) + " / " + count(last60.path("failed").asLong()));
            assertThat(row.path("Partitions").asText()).as(name).startsWith(answer.path("partitions").size() + ", ");
            if (!name.equals(QUEUE)) {
                assertThat(row.path("class").asText()).as(name).isEqualTo("level-ok");
            }
        }
        assertThat(first.path("Backlog").asText()).isEqualTo(Integer.toString(WAITING));
        // The killed worker was the only one: none of the queue's partitions is held by a live worker.
        assertThat(queue(queues, QUEUE).path("partitions")).isNotEmpty()
                .allSatisfy(partition -> assertThat(partition.has("owner")).as(partition.toString()).isFalse());
        int partitions = queue(queues, QUEUE).path("partitions").size();
        assertThat(first.path("Partitions").asText()).isEqualTo(partitions + ", " + partitions + " unheld");
        assertThat(first.path("Done 5 / 60 min").asText()).isEqualTo("1 / 1");
        assertThat(first.path("Failed 5 / 60 min").asText()).isEqualTo("1 / 1 (50 %)");
        // The oldest job aged between the browser's read and ops.queues' answer; the page shows a poll up to 2 s old.
        long shown = seconds(first.path("Oldest queued").asText());
        double expected = queue(queues, QUEUE).path("oldest_queued_age_seconds").asDouble()
                - (answeredAtMs - report.path("read_at_ms").asLong()) / 1000.0;
        assertThat((double) shown).as("oldest age shown").isBetween(expected - 4, expected + 1);
        assertThat(report.path("signed_in").path("attention").get(0).path("text").asText())
                .contains("Queue " + QUEUE + ": No live workers").contains(WAITING + " waiting");
        assertThat(report.path("signed_in").path("attention").get(0).path("class").asText()).isEqualTo("level-critical");
    }

    @Test
    void the_worker_table_shows_the_killed_worker_silent_with_its_slots() {
        JsonNode rows = report.path("signed_in").path("workers");
        assertThat(rows).hasSize(workers.path("workers").size()).isNotEmpty();
        JsonNode row = rows.get(0);
        JsonNode answer = workers.path("workers").get(0);
        assertThat(row.path("Worker").asText()).isEqualTo(answer.path("worker_id").asText()).isEqualTo("worker-1");
        assertThat(answer.path("alive").asBoolean()).isFalse();
        assertThat(row.path("State").asText()).endsWith("Silent");
        assertThat(row.path("Slots busy / total").asText())
                .isEqualTo(answer.path("slots_busy").asInt() + " / " + answer.path("slots").asInt());
        assertThat(row.path("Queues").asText()).contains(QUEUE);
    }

    @Test
    void the_failed_job_is_listed_with_its_error_code_and_the_credits_held_match_the_ledger() {
        JsonNode failures = report.path("signed_in").path("failures");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).path("Queue").asText()).isEqualTo(QUEUE);
        assertThat(failures.get(0).path("Error code").asText()).isNotBlank().isNotEqualTo("–");
        assertThat(failures.get(0).path("button").asText()).startsWith("Retry job job_");
        assertThat(report.path("signed_in").path("ledger").path("Held now (all orgs)").asText())
                .isEqualTo(count(heldCredits) + " credits");
        assertThat(report.path("signed_in").path("ledger").path("Ledger invariant violations").asText()).isEqualTo("none");
    }

    @Test
    void pausing_and_resuming_through_the_dialog_changes_the_queue_and_is_audited_with_the_reason(LocalStack stack) {
        assertThat(report.path("cancelled_dialog").path("focused").asText()).as("focus in a fresh dialog").isEqualTo("Cancel");
        assertThat(report.path("cancelled_calls")).as("calls after a cancelled confirmation").isEmpty();
        assertThat(report.path("pause_dialog").path("title").asText()).isEqualTo("Pause queue " + QUEUE + "?");
        List<String> actions = new ArrayList<>();
        report.path("action_calls").forEach(c -> actions.add(c.path("operation").asText() + " " + c.path("status").asInt()));
        assertThat(actions).containsExactly("ops.queues.pause 200", "ops.queues.resume 200");

        JsonNode paused = report.path("after_pause").path("queues");
        JsonNode clip = null;
        for (JsonNode row : paused) {
            if (row.path("Queue").asText().equals(QUEUE)) {
                clip = row;
            }
        }
        assertThat(clip).isNotNull();
        assertThat(clip.path("State").asText()).contains("Paused");
        // The sparklines draw the polls so far: several by now, the backlog flat at the waiting jobs.
        assertThat(clip.path("sparklines").get(0).path("label").asText())
                .startsWith("Backlog of " + QUEUE + ": from " + WAITING + " to " + WAITING + " over the last");
        assertThat(clip.path("sparklines").get(0).path("points").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(clip.path("sparklines").get(1).path("label").asText()).startsWith("Oldest queued age of " + QUEUE);
        assertThat(queue(queues, QUEUE).path("paused").asBoolean()).as("paused after the resume").isFalse();

        JsonNode audit = stack.operator().ok("ops.audit", Map.of()).path("entries");
        assertThat(audit.get(0).path("action").asText()).isEqualTo("ops.queues.resume");
        assertThat(audit.get(1).path("action").asText()).isEqualTo("ops.queues.pause");
        assertThat(audit.get(1).path("target").asText()).isEqualTo(QUEUE);
        assertThat(audit.get(1).path("reason").asText()).isEqualTo("paused by the browser test");
        JsonNode shown = report.path("after_resume").path("audit");
        assertThat(shown.get(0).path("Action").asText()).isEqualTo("ops.queues.resume");
        assertThat(shown.get(1).path("Action").asText()).isEqualTo("ops.queues.pause");
        assertThat(shown.get(1).path("Reason and detail").asText()).contains("paused by the browser test");
    }

    /** Last: the retry adds a job to the queue the other tests compare with the first report. */
    @Test
    @Order(Integer.MAX_VALUE)
    void the_failed_job_retried_through_its_button_is_a_new_queued_job_the_page_names_and_the_audit_lists(
            LocalStack stack) {
        OperationClient operator = stack.operator();
        String failedId = operator.ok("ops.jobs", Map.of()).path("failures").get(0).path("job_id").asText();
        JsonNode retried = BrowserScript.run("ops-console.mjs", "ops-console-retry", BROWSER_RUN, "--url",
                stack.url() + "/ops/", "--out", BrowserScript.artefacts().toString(), "--name", "ops-console-retry",
                "--operator-key", stack.operatorKey(), "--retry-job", failedId);

        assertThat(retried.path("retry_dialog").path("title").asText()).isEqualTo("Retry job " + failedId + "?");
        assertThat(retried.path("retry_dialog").path("focused").asText()).isEqualTo("Cancel");
        Matcher outcome = Pattern.compile("^Retried job " + failedId + " as job (job_\\w+) \\(queued, ([\\d,]+) credits? "
                + "held\\)\\.$").matcher(retried.path("outcome").asText());
        assertThat(outcome.matches()).as("the outcome line: %s", retried.path("outcome").asText()).isTrue();
        JsonNode job = stack.client().ok("processing.job.get", Map.of("job_id", outcome.group(1)));
        assertThat(job.path("status").asText()).as("no live worker takes it").isEqualTo("queued");
        assertThat(job.path("billing").path("reserved_credits").asLong())
                .isEqualTo(Long.parseLong(outcome.group(2).replace(",", "")));
        JsonNode audit = operator.ok("ops.audit", Map.of("limit", 1)).path("entries").get(0);
        assertThat(audit.path("action").asText()).isEqualTo("ops.jobs.retry");
        assertThat(audit.path("target").asText()).isEqualTo(failedId);
        assertThat(audit.path("reason").asText()).isEqualTo("retried by the browser test");
        assertThat(audit.path("detail").path("retry_job_id").asText()).isEqualTo(outcome.group(1));
        assertThat(retried.path("after").path("audit").get(0).path("Action").asText()).isEqualTo("ops.jobs.retry");
        List<String> calls = new ArrayList<>();
        retried.path("all_retry_calls").forEach(c -> calls.add(c.path("operation").asText() + " "
                + c.path("status").asInt()));
        assertThat(calls).containsExactly("ops.jobs.retry 200", "ops.jobs.retry 409");
        assertThat(retried.path("second").asText()).contains("409").contains(outcome.group(1));
        assertThat(retried.path("page_errors")).isEmpty();
        assertThat(retried.path("console_errors")).isEmpty();
        assertThat(retried.path("failed_requests")).isEmpty();
        assertThat(BrowserScript.artefacts().resolve("ops-console-retry-retried.png")).isRegularFile();
    }

    @Test
    void an_org_key_is_refused_by_the_api_and_the_page_says_so() {
        JsonNode org = report.path("org_key");
        assertThat(org.path("problem").asText()).contains("403").contains("ops:read");
        assertThat(org.path("console_hidden").asBoolean()).isTrue();
        List<String> calls = new ArrayList<>();
        org.path("calls").forEach(c -> calls.add(c.path("operation").asText() + " " + c.path("status").asInt()));
        // The first refusal ends the poll (the page's other calls are then aborted) and the session made from the key.
        assertThat(calls).anyMatch(c -> c.startsWith("ops.") && c.endsWith(" 403"))
                .noneMatch(c -> c.startsWith("ops.") && !c.endsWith(" 403"))
                .contains("auth.logout 200");
    }

    @Test
    void the_page_keeps_no_key_has_no_script_errors_and_every_control_has_a_name() {
        assertThat(report.path("key_stored").asBoolean()).as("the operator key in sessionStorage").isFalse();
        assertThat(report.path("signed_out").path("stored").asInt()).isZero();
        assertThat(report.path("page_errors")).isEmpty();
        assertThat(report.path("console_errors")).isEmpty();
        assertThat(report.path("csp_violations")).isEmpty();
        assertThat(report.path("failed_requests")).isEmpty();
        assertThat(report.path("signed_in").path("unlabeled")).as("controls without a name").isEmpty();
        assertThat(report.path("signed_in").path("tables_without_headers")).isEmpty();
        JsonNode tabs = report.path("tab_order");
        assertThat(tabs.get(tabs.size() - 1).asText()).as("Tab order %s", tabs).isEqualTo("Pause queue " + QUEUE);
        assertThat(BrowserScript.artefacts().resolve("ops-console-signed-in.png")).isRegularFile();
    }
}
