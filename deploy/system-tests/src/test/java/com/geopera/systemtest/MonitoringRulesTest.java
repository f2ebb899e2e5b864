package com.geopera.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/monitoring without a running stack: Prometheus' own promtool loads the rules and runs their unit tests
 * (geopera-alerts.test.yml: each alert fires on the series it is written for, and not on healthy ones), the
 * PrometheusRule carries the same groups as the plain file, every alert has its runbook entry, and the monitors
 * select what deploy/k8s deploys. Whether the apps export those metrics is another test's (docs/DEVELOPMENT.md
 * "Monitoring tests").
 */
class MonitoringRulesTest {
    private static final Pattern HEADING = Pattern.compile("^#{2,4} +(.+?)\\s*$", Pattern.MULTILINE);

    /** Prometheus' promtool: {@code GEOPERA_PROMTOOL}, else Debian's (package prometheus; deploy/test installs it). */
    private static Path promtool() {
        String configured = System.getenv("GEOPERA_PROMTOOL");
        Path tool = Path.of(configured == null || configured.isBlank() ? "/usr/bin/promtool" : configured);
        if (!Files.isExecutable(tool)) {
            throw new AssertionError(tool + " not found: the monitoring tests need Prometheus' promtool "
                    + "(apt-get install prometheus; deploy/test installs it)");
        }
        return tool;
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtool().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(MonitoringFiles.dir().toFile())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
        return out;
    }

    @Test
    void promtool_accepts_every_rule_of_the_plain_rules_file() throws Exception {
        String out = promtool("check", "rules", MonitoringFiles.rulesFile().getFileName().toString());
        assertThat(out).contains("SUCCESS: " + MonitoringFiles.ruleList().size() + " rules found");
    }

    @Test
    void each_alert_fires_on_the_series_it_is_written_for_and_stays_quiet_on_healthy_ones() throws Exception {
        String out = promtool("test", "rules", "geopera-alerts.test.yml");
        assertThat(out).contains("SUCCESS");
        // Every alert of the file is exercised by the unit tests.
        String tests = MonitoringFiles.text(MonitoringFiles.dir().resolve("geopera-alerts.test.yml"));
        for (JsonNode rule : MonitoringFiles.ruleList()) {
            if (rule.has("alert")) {
                assertThat(tests).as("a test of %s", rule.path("alert").asText())
                        .contains("alertname: " + rule.path("alert").asText());
            }
        }
    }

    @Test
    void the_prometheus_rule_carries_exactly_the_groups_of_the_plain_rules_file() {
        JsonNode rule = MonitoringFiles.prometheusRule();
        assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(rule.path("spec")).as("prometheus-rule.yaml is stale: run deploy/monitoring/sync-prometheus-rule")
                .isEqualTo(MonitoringFiles.rules());
    }

    @Test
    void every_alert_has_a_severity_a_summary_and_a_runbook_entry_in_the_operations_guide() {
        String guide = MonitoringFiles.text(TestServers.repoRoot().resolve("docs/OPERATIONS-GUIDE.md"));
        Set<String> anchors = new HashSet<>();
        Matcher heading = HEADING.matcher(guide);
        while (heading.find()) {
            anchors.add(anchor(heading.group(1)));
        }
        for (JsonNode rule : MonitoringFiles.ruleList()) {
            if (!rule.has("alert")) {
                continue;
            }
            String alert = rule.path("alert").asText();
            assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("critical", "warning");
            assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
            String runbook = rule.path("annotations").path("runbook").asText();
            assertThat(runbook).as(alert).isEqualTo("docs/OPERATIONS-GUIDE.md#" + alert.toLowerCase(Locale.ROOT));
            assertThat(anchors).as("a heading %s in docs/OPERATIONS-GUIDE.md", alert)
                    .contains(alert.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void every_dashboard_panel_queries_the_chosen_prometheus_and_has_its_own_place() {
        JsonNode dashboard = MonitoringFiles.dashboard();
        Set<Integer> ids = new HashSet<>();
        Set<String> cells = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asText();
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", title).isTrue();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).as(title).isNotBlank());
            JsonNode at = panel.path("gridPos");
            for (int x = at.path("x").asInt(); x < at.path("x").asInt() + at.path("w").asInt(); x++) {
                for (int y = at.path("y").asInt(); y < at.path("y").asInt() + at.path("h").asInt(); y++) {
                    assertThat(cells.add(x + "," + y)).as("panel %s overlaps another at %d,%d", title, x, y).isTrue();
                }
            }
            assertThat(at.path("x").asInt() + at.path("w").asInt()).as(title).isLessThanOrEqualTo(24);
        }
    }

    @Test
    void the_monitors_scrape_the_api_service_and_the_worker_pods_that_deploy_k8s_defines() {
        Path k8s = TestServers.repoRoot().resolve("deploy/k8s");
        assertThat(MonitoringFiles.yaml(k8s.resolve("kustomization.yaml")).get(0).path("resources"))
                .extracting(JsonNode::asText).contains("../monitoring");
        JsonNode kustomization = MonitoringFiles.yaml(MonitoringFiles.dir().resolve("kustomization.yaml")).get(0);
        kustomization.path("resources").forEach(r -> assertThat(MonitoringFiles.dir().resolve(r.asText())).isRegularFile());
        kustomization.path("configMapGenerator").forEach(g -> g.path("files")
                .forEach(f -> assertThat(MonitoringFiles.dir().resolve(f.asText())).isRegularFile()));

        Map<String, JsonNode> monitors = MonitoringFiles.yaml(MonitoringFiles.dir().resolve("monitors.yaml")).stream()
                .collect(Collectors.toMap(d -> d.path("kind").asText(), d -> d));
        List<JsonNode> api = MonitoringFiles.yaml(k8s.resolve("api.yaml"));
        JsonNode service = api.stream().filter(d -> d.path("kind").asText().equals("Service")).findFirst().orElseThrow();
        JsonNode serviceMonitor = monitors.get("ServiceMonitor");
        assertThat(matches(serviceMonitor.path("spec").path("selector").path("matchLabels"), service.path("metadata").path("labels")))
                .as("the ServiceMonitor selects Service %s", service.path("metadata").path("name").asText()).isTrue();
        String port = serviceMonitor.path("spec").path("endpoints").get(0).path("port").asText();
        assertThat(service.path("spec").path("ports")).extracting(p -> p.path("name").asText()).contains(port);

        JsonNode podMonitor = monitors.get("PodMonitor");
        List<JsonNode> workers = MonitoringFiles.yaml(k8s.resolve("workers.yaml")).stream()
                .filter(d -> d.path("kind").asText().equals("Deployment")).toList();
        assertThat(workers).isNotEmpty();
        String podPort = podMonitor.path("spec").path("podMetricsEndpoints").get(0).path("port").asText();
        for (JsonNode deployment : workers) {
            JsonNode template = deployment.path("spec").path("template");
            assertThat(matches(podMonitor.path("spec").path("selector").path("matchLabels"), template.path("metadata").path("labels")))
                    .as("the PodMonitor selects the pods of %s", deployment.path("metadata").path("name").asText()).isTrue();
            assertThat(template.path("spec").path("containers").get(0).path("ports"))
                    .extracting(p -> p.path("name").asText()).contains(podPort);
        }
    }

    @Test
    void the_promql_reader_finds_each_metric_and_the_labels_its_matchers_name() {
        assertThat(PromQl.selectors("max by (queue) (geopera_jobs{status=\"queued\"}) > 0 and on (queue) "
                + "max by (queue) (geopera_workers_alive) == 0")).containsExactly(
                new PromQl.Selector("geopera_jobs", Set.of("status")),
                new PromQl.Selector("geopera_workers_alive", Set.of()));
        assertThat(PromQl.selectors("histogram_quantile(0.95, sum by (le, process) "
                + "(rate(geopera_job_run_seconds_bucket{queue=~\"$queue\", process!=\"x\"}[$__rate_interval]))) * 60"))
                .containsExactly(new PromQl.Selector("geopera_job_run_seconds_bucket", Set.of("queue", "process")));
        assertThat(PromQl.selectors("time() - max(geopera_ops_snapshot_timestamp_seconds offset 5m) > 120 "
                + "or vector(0)")).containsExactly(new PromQl.Selector("geopera_ops_snapshot_timestamp_seconds", Set.of()));
        assertThat(PromQl.selectors("geopera:a:b / ignoring (code) group_left sum without (code) (x_total)"))
                .extracting(PromQl.Selector::metric).containsExactly("geopera:a:b", "x_total");
    }

    /** Whether every label of {@code selector} is among {@code labels} with the same value. */
    private static boolean matches(JsonNode selector, JsonNode labels) {
        for (Map.Entry<String, JsonNode> entry : selector.properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return selector.size() > 0;
    }

    /** The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens. */
    private static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replace("`", "").replaceAll("[^a-z0-9 _-]", "").trim().replace(' ', '-');
    }
}
