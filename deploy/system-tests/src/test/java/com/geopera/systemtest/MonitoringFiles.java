package com.geopera.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.geopera.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/monitoring as the tests read it: the alert rules (the plain file and the PrometheusRule), the Grafana
 * dashboard, and every PromQL expression in them with the place it comes from.
 */
final class MonitoringFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*([a-zA-Z_]+)\\s*\\)");

    private MonitoringFiles() {
    }

    static Path dir() {
        return TestServers.repoRoot().resolve("deploy/monitoring");
    }

    static Path rulesFile() {
        return dir().resolve("geopera-alerts.yml");
    }

    static JsonNode rules() {
        return yaml(rulesFile()).get(0);
    }

    static JsonNode prometheusRule() {
        return yaml(dir().resolve("prometheus-rule.yaml")).get(0);
    }

    static JsonNode dashboard() {
        try {
            return Json.mapper().readTree(dir().resolve("grafana-dashboard.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a (multi-document) YAML file. */
    static List<JsonNode> yaml(Path file) {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The rules of every group of the plain rules file. */
    static List<JsonNode> ruleList() {
        List<JsonNode> all = new ArrayList<>();
        rules().path("groups").forEach(group -> group.path("rules").forEach(all::add));
        return all;
    }

    /** The names the rules file records ({@code record:}): series of Prometheus itself, not of the apps. */
    static List<String> recordedNames() {
        return ruleList().stream().filter(rule -> rule.has("record")).map(rule -> rule.path("record").asText()).toList();
    }

    /** Every expression of the rules and the dashboard, keyed by where it is (alert name, panel title). */
    static Map<String, String> expressions() {
        Map<String, String> found = new LinkedHashMap<>();
        for (JsonNode rule : ruleList()) {
            String name = rule.has("alert") ? "alert " + rule.path("alert").asText() : "record " + rule.path("record").asText();
            found.put(name, rule.path("expr").asText());
        }
        for (JsonNode panel : dashboard().path("panels")) {
            int i = 0;
            for (JsonNode target : panel.path("targets")) {
                found.put("panel '" + panel.path("title").asText() + "' " + (i++), target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard().path("templating").path("list")) {
            Matcher values = LABEL_VALUES.matcher(variable.path("definition").asText());
            if (values.find()) {
                // label_values(metric, label) reads the metric with that label.
                found.put("variable $" + variable.path("name").asText(), values.group(1) + "{" + values.group(2) + "=~\".+\"}");
            }
        }
        return found;
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
