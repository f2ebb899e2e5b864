package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * deploy/monitoring against the apps' real {@code /q/metrics}: a stack with one worker runs a clip that succeeds, one
 * that fails on the worker and one cancelled while its queue is paused; then every metric the alert rules and the
 * Grafana dashboard read must be exported by the api or the worker, with the labels their matchers name, and the job
 * counters must say what was run.
 */
class MonitoringMetricsIT {
    private static final String QUEUE = "clip";
    private static final Map<String, String> CLIP = Map.of("process", "clip", "queue", QUEUE);

    @RegisterExtension
    static final PerClassStack system = new PerClassStack(
            Inputs.withApiOnlyImageAndFastOpsSnapshot(StackOptions.workers(1)));

    private static MetricsText api;
    private static MetricsText worker;

    @BeforeAll
    static void one_job_of_each_outcome(LocalStack stack, Jobs jobs) {
        jobs.oneSucceededAndOneFailed();
        var operator = stack.operator();
        operator.ok("ops.queues.pause", Map.of("queue", QUEUE, "reason", "MonitoringMetricsIT"));
        String waiting = jobs.executeClip("file:elev.tif", Jobs.SMALL_AOI).path("job_id").asText();
        assertThat(jobs.delete(waiting).path("status").asText()).isEqualTo("cancelled");
        operator.ok("ops.queues.resume", Map.of("queue", QUEUE));
        // The snapshot gauges follow within a refresh (1 s here); the counters are counted at commit.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            MetricsText now = MetricsText.scrape(stack.url());
            assertThat(now.value("geopera_jobs_cancelled_total", CLIP)).isEqualTo(1.0);
            assertThat(now.value("geopera_queue_paused", Map.of("queue", QUEUE))).isZero();
        });
        api = MetricsText.scrape(stack.url());
        worker = MetricsText.scrape("http://127.0.0.1:" + stack.worker(1).httpPort());
    }

    @Test
    void every_metric_the_alert_rules_and_the_dashboard_read_is_exported_with_the_labels_they_match_on() {
        Set<String> recorded = Set.copyOf(MonitoringFiles.recordedNames());
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, String> expression : MonitoringFiles.expressions().entrySet()) {
            for (PromQl.Selector selector : PromQl.selectors(expression.getValue())) {
                if (recorded.contains(selector.metric())) {
                    continue;
                }
                checked++;
                MetricsText exporter = selector.metric().startsWith("geopera_worker_") ? worker : api;
                if (!exporter.hasWithLabels(selector.metric(), selector.labels())) {
                    missing.add(expression.getKey() + ": " + selector.metric() + selector.labels() + " (exported: "
                            + exporter.labelSets(selector.metric()) + ")");
                }
            }
        }
        assertThat(checked).as("selectors read from deploy/monitoring").isGreaterThan(30);
        assertThat(missing).as("metrics the rules and the dashboard read that the apps do not export").isEmpty();
    }

    @Test
    void the_job_counters_count_the_jobs_run_once_each() {
        assertThat(api.value("geopera_jobs_submitted_total", CLIP)).isEqualTo(3.0);
        assertThat(api.value("geopera_jobs_succeeded_total", CLIP)).isEqualTo(1.0);
        assertThat(api.value("geopera_jobs_failed_total", CLIP)).isEqualTo(1.0);
        assertThat(api.labelValues("geopera_jobs_failed_total", "code")).hasSize(1).doesNotContain("other");
        assertThat(api.value("geopera_jobs_cancelled_total", CLIP)).isEqualTo(1.0);
        assertThat(api.labelValues("geopera_jobs_submitted_total", "process")).as("every process, at 0 until used")
                .contains("clip").hasSizeGreaterThan(1);
        assertThat(api.value("geopera_events_applied_total", Map.of("type", "COMPLETED"))).isEqualTo(1.0);
        assertThat(api.value("geopera_events_applied_total", Map.of("type", "FAILED"))).isEqualTo(1.0);
        assertThat(api.value("geopera_events_applied_total", Map.of("type", "STARTED"))).isBetween(1.0, 2.0);
        assertThat(api.value("geopera_credits_settled_total")).isPositive();
        assertThat(api.value("geopera_ops_actions_total", Map.of("action", "ops.queues.pause"))).isEqualTo(1.0);
        assertThat(api.value("geopera_reaper_actions_total", Map.of())).isZero();
    }

    @Test
    void the_histograms_have_buckets_per_process_for_histogram_quantile() {
        // One wait per start the api applied; a run time per job that started and ended; the cancelled job never ran.
        double starts = api.value("geopera_events_applied_total", Map.of("type", "STARTED"));
        assertThat(api.value("geopera_job_queued_wait_seconds_count", Map.of("process", "clip"))).isEqualTo(starts);
        assertThat(api.value("geopera_job_run_seconds_count", Map.of("process", "clip"))).isBetween(1.0, 2.0);
        assertThat(api.value("geopera_job_run_seconds_bucket", Map.of("process", "clip", "le", "+Inf")))
                .isEqualTo(api.value("geopera_job_run_seconds_count", Map.of("process", "clip")));
        assertThat(api.labelValues("geopera_job_run_seconds_bucket", "le")).contains("1.0", "60.0", "14400.0", "+Inf");
        assertThat(api.labelValues("geopera_job_queued_wait_seconds_bucket", "le")).contains("0.1", "3600.0", "+Inf");
    }

    @Test
    void one_ledger_violation_gauge_is_exported_and_the_worker_reports_its_own_work() {
        assertThat(api.has("geopera_ledger_invariant_violations")).isTrue();
        assertThat(api.has("geopera_ledger_violations")).as("the second name is gone").isFalse();
        // Attempts this worker ran to completion: at least the succeeded job's (a record read again after a
        // rebalance runs again on the worker; the api then refuses the second completion, counted above once).
        assertThat(worker.value("geopera_worker_jobs_completed_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(worker.value("geopera_worker_bytes_written_total", Map.of("process", "clip"))).isPositive();
        assertThat(worker.value("geopera_worker_gdal_seconds_total", Map.of("process", "clip"))).isPositive();
        assertThat(worker.value("geopera_worker_slots", Map.of("state", "free"))).isPositive();
    }
}
