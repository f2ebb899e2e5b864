package com.geopera.systemtest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric selectors of a PromQL expression (an alert rule's or a dashboard panel's): each metric name it reads and
 * the label names its matchers use. Enough PromQL for our own rules — names, matchers, ranges, grouping clauses,
 * calls, Grafana's {@code $variables} — so that a test can hold them against what the apps really export.
 */
final class PromQl {
    /** A metric read by the expression and the labels its matchers name (e.g. {@code geopera_jobs{status="queued"}}). */
    record Selector(String metric, Set<String> labels) {
    }

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)\\}");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    /** An identifier not glued to a digit, a dot or a variable's {@code $} (durations, numbers, $__rate_interval). */
    private static final Pattern IDENTIFIER = Pattern.compile(
            "(?<![0-9.$\\w])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\{\\s*#(\\d+)\\s*\\})?(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan", "sum", "min", "max", "avg", "group", "stddev",
            "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

    private PromQl() {
    }

    /** Every selector of {@code expression}, in order of appearance. */
    static List<Selector> selectors(String expression) {
        String text = STRING.matcher(expression).replaceAll("\"\"");
        text = GROUPING.matcher(text).replaceAll("$1 ()");
        text = RANGE.matcher(text).replaceAll("");
        // Matchers are set aside (numbered) so that their label names are not read as metrics.
        List<Set<String>> matcherLabels = new ArrayList<>();
        Matcher matchers = MATCHERS.matcher(text);
        StringBuilder marked = new StringBuilder();
        while (matchers.find()) {
            Set<String> labels = new LinkedHashSet<>();
            Matcher label = LABEL.matcher(matchers.group(1));
            while (label.find()) {
                labels.add(label.group(1));
            }
            matchers.appendReplacement(marked, "{#" + matcherLabels.size() + "}");
            matcherLabels.add(labels);
        }
        matchers.appendTail(marked);

        List<Selector> found = new ArrayList<>();
        Matcher id = IDENTIFIER.matcher(marked);
        while (id.find()) {
            String name = id.group(1);
            boolean call = id.group(4) != null && id.group(2) == null;
            if (call || KEYWORDS.contains(name)) {
                continue;
            }
            Set<String> labels = id.group(3) == null ? Set.of() : matcherLabels.get(Integer.parseInt(id.group(3)));
            labels = new LinkedHashSet<>(labels);
            labels.remove("__name__");
            found.add(new Selector(name, Set.copyOf(labels)));
        }
        return found;
    }
}
