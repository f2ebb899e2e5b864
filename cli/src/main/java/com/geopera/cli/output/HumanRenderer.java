package com.geopera.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.cli.error.CliException;
import com.geopera.cli.http.ApiException;
import com.geopera.cli.http.ReceivedProblem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Output for people: key/value blocks for objects, aligned tables for lists, one-line errors on stderr. */
public final class HumanRenderer implements Renderer {
    private static final int MAX_GENERIC_COLUMNS = 8;
    private static final List<String> PAGING_FIELDS = List.of("page", "limit", "offset", "total", "has_more",
            "next_cursor");
    private static final List<String> CREDIT_DETAILS = List.of("required", "available");

    private final PrintWriter out;
    private final PrintWriter err;
    private final HumanValues values;

    public HumanRenderer(PrintWriter out, PrintWriter err, HumanValues values) {
        this.out = out;
        this.err = err;
        this.values = values;
    }

    @Override
    public void object(JsonNode object, View view) {
        List<String[]> pairs = new ArrayList<>();
        if (view.fields().isEmpty()) {
            flatten("", object, pairs);
        } else {
            for (Column field : view.fields()) {
                pairs.add(new String[] {field.label(), values.format(at(object, field.pointer()), field.format())});
            }
        }
        int width = pairs.stream().mapToInt(pair -> pair[0].length()).max().orElse(0);
        for (String[] pair : pairs) {
            out.println(pad(pair[0] + ":", width + 1) + " " + pair[1]);
        }
        List<Section> sections = view.fields().isEmpty() ? genericSections(object) : view.sections();
        for (Section section : sections) {
            List<JsonNode> rows = rows(at(object, section.pointer()));
            if (!rows.isEmpty()) {
                out.println();
                out.println(section.title() + ":");
                table(rows, section.columns()).lines().forEach(line -> out.println("  " + line));
            }
        }
        out.flush();
    }

    @Override
    public void list(JsonNode answer, List<JsonNode> items, View view) {
        if (items.isEmpty()) {
            out.println("No " + view.noun() + ".");
        } else {
            List<Column> columns = view.fields().isEmpty() ? genericColumns(items) : view.fields();
            table(items, columns).lines().forEach(out::println);
            out.println();
            out.println(view.count(items.size()) + paging(answer));
        }
        out.flush();
    }

    @Override
    public void confirmation(String sentence, JsonNode document) {
        out.println(sentence);
        out.flush();
    }

    @Override
    public void failure(CliException failure) {
        err.println("error: " + failure.getMessage());
        if (failure instanceof ApiException apiFailure) {
            ReceivedProblem problem = apiFailure.problem();
            for (ReceivedProblem.FieldError error : problem.errors()) {
                String where = error.pointer() == null || error.pointer().isEmpty() ? "(body)" : error.pointer();
                err.println("  " + where + ": " + error.message() + (error.code() == null ? "" : " [" + error.code()
                        + "]"));
            }
            for (String detail : CREDIT_DETAILS) {
                JsonNode amount = problem.raw().path(detail);
                if (amount.canConvertToLong()) {
                    err.println("  " + detail + ": " + HumanValues.credits(amount.asLong()));
                }
            }
        }
        err.flush();
    }

    private TextTable table(List<JsonNode> rows, List<Column> columns) {
        TextTable table = new TextTable(columns.stream().map(Column::label).toList());
        for (JsonNode row : rows) {
            table.row(columns.stream().map(column -> values.format(at(row, column.pointer()), column.format()))
                    .toList());
        }
        return table;
    }

    private void flatten(String prefix, JsonNode node, List<String[]> pairs) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String label = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty()) {
                flatten(label + ".", value, pairs);
            } else if (isTableOfObjects(value)) {
                continue; // shown as a section table below the key/value block
            } else {
                pairs.add(new String[] {label, values.format(value, guessFormat(field.getKey(), value))});
            }
        }
    }

    private List<Section> genericSections(JsonNode object) {
        List<Section> sections = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (isTableOfObjects(field.getValue())) {
                sections.add(new Section(field.getKey(), "/" + field.getKey(),
                        genericColumns(toList(field.getValue()))));
            }
        }
        return sections;
    }

    private static List<Column> genericColumns(List<JsonNode> items) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode item : items) {
            item.fields().forEachRemaining(field -> {
                if (!field.getValue().isContainerNode() || field.getValue().isArray()) {
                    names.add(field.getKey());
                }
            });
        }
        return names.stream().limit(MAX_GENERIC_COLUMNS)
                .map(name -> Column.of(name, "/" + name, FieldFormat.LIST)).toList();
    }

    private static FieldFormat guessFormat(String name, JsonNode value) {
        if (name.endsWith("_at") && value.isTextual()) {
            return FieldFormat.TIME;
        }
        if (name.endsWith("credits") || CREDIT_DETAILS.contains(name) || name.equals("posted")
                || name.equals("pending")) {
            return value.canConvertToLong() ? FieldFormat.CREDITS : FieldFormat.TEXT;
        }
        if (name.endsWith("_bytes")) {
            return FieldFormat.BYTES;
        }
        return value.isArray() ? FieldFormat.LIST : FieldFormat.TEXT;
    }

    private static String paging(JsonNode answer) {
        List<String> parts = new ArrayList<>();
        for (String name : PAGING_FIELDS) {
            JsonNode value = answer.path(name);
            if (value.isBoolean()) {
                if (value.booleanValue()) {
                    parts.add("more pages");
                }
            } else if (value.isValueNode() && !value.isNull()) {
                parts.add(name.replace('_', ' ') + " " + value.asText());
            }
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** The rows of a section: an array's elements, or a map's entries with the key as {@code name}. */
    private static List<JsonNode> rows(JsonNode node) {
        if (node.isArray()) {
            return toList(node);
        }
        List<JsonNode> rows = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(entry -> {
                ObjectNode row = JsonNodeFactory.instance.objectNode().put("name", entry.getKey());
                if (entry.getValue().isObject()) {
                    row.setAll((ObjectNode) entry.getValue());
                } else {
                    row.set("value", entry.getValue());
                }
                rows.add(row);
            });
        }
        return rows;
    }

    private static boolean isTableOfObjects(JsonNode value) {
        return value.isArray() && !value.isEmpty() && value.get(0).isObject();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    static JsonNode at(JsonNode node, String pointer) {
        return pointer.isEmpty() ? node : node.at(pointer);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
