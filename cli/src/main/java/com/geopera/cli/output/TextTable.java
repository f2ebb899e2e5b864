package com.geopera.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table with aligned columns and an upper-case header; cells are cut to a readable width except in the last
 * column, which holds what people copy (hrefs, URLs) and may run on.
 */
public final class TextTable {
    private static final String GAP = "  ";
    private static final int MAX_CELL_CHARS = 60;
    private static final String ELLIPSIS = "…";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> headers) {
        this.headers = headers.stream().map(header -> header.toUpperCase(Locale.ROOT)).toList();
    }

    public TextTable row(List<String> cells) {
        List<String> row = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i).replace('\n', ' ');
            row.add(i < cells.size() - 1 ? cut(cell) : cell);
        }
        rows.add(row);
        return this;
    }

    /** The table's lines, without trailing spaces. */
    public List<String> lines() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(headers, widths));
        rows.forEach(row -> lines.add(line(row, widths)));
        return lines;
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(GAP);
            }
            line.append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cells.get(i).length()));
            }
        }
        return line.toString().stripTrailing();
    }

    private static String cut(String cell) {
        return cell.length() <= MAX_CELL_CHARS ? cell
                : cell.substring(0, MAX_CELL_CHARS - ELLIPSIS.length()) + ELLIPSIS;
    }
}
