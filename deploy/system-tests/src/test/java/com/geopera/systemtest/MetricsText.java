package com.geopera.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The series of a Prometheus text exposition ({@code /q/metrics}): each sample name with its label names. */
final class MetricsText {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+\\S+.*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample: its name, its labels and their values, its value. */
    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, Set<Set<String>>> series = new HashMap<>();
    private final Map<String, Double> sums = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    MetricsText(String exposition) {
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            series.computeIfAbsent(sample.group(1), name -> new HashSet<>()).add(new TreeSet<>(labels.keySet()));
            String[] parts = line.strip().split("\\s+");
            try {
                double value = Double.parseDouble(parts[parts.length - 1]);
                sums.merge(sample.group(1), value, Double::sum);
                samples.add(new Sample(sample.group(1), labels, value));
            } catch (NumberFormatException e) {
                // A timestamped or odd sample: its name and labels still count.
            }
        }
    }

    /** {@code GET <baseUrl>/q/metrics} of a running app. */
    static MetricsText scrape(String baseUrl) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/q/metrics")).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(baseUrl + "/q/metrics answered " + response.statusCode());
            }
            return new MetricsText(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of the samples named {@code name} (the value of an unlabelled one), or null when none is exported. */
    Double value(String name) {
        return sums.get(name);
    }

    /** The sum of the samples named {@code name} whose labels include {@code labels} (0 when none). */
    double value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** The values of label {@code label} on the samples named {@code name}. */
    Set<String> labelValues(String name, String label) {
        Set<String> values = new TreeSet<>();
        samples.stream().filter(s -> s.name().equals(name) && s.labels().containsKey(label))
                .forEach(s -> values.add(s.labels().get(label)));
        return values;
    }

    /** Whether a sample named {@code name} is exported. */
    boolean has(String name) {
        return series.containsKey(name);
    }

    /** Whether some sample named {@code name} carries every label of {@code labels}. */
    boolean hasWithLabels(String name, Set<String> labels) {
        return series.getOrDefault(name, Set.of()).stream().anyMatch(set -> set.containsAll(labels));
    }

    /** The label sets of {@code name}'s samples, for assertion messages. */
    Set<Set<String>> labelSets(String name) {
        return series.getOrDefault(name, Set.of());
    }

    Set<String> names() {
        return series.keySet();
    }
}
