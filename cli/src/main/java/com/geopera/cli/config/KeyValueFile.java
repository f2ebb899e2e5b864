package com.geopera.cli.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads shell-syntax {@code KEY=VALUE} files such as {@code .geopera/local.env}: blank lines and {@code #} comments
 * are skipped, an {@code export } prefix is allowed, values may be single- or double-quoted.
 */
public final class KeyValueFile {
    private static final String EXPORT_PREFIX = "export ";

    private KeyValueFile() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String rawLine : text.split("\\R")) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(EXPORT_PREFIX)) {
                line = line.substring(EXPORT_PREFIX.length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = line.substring(0, equals).strip();
            values.put(key, value(line.substring(equals + 1).strip()));
        }
        return values;
    }

    private static String value(String text) {
        if (text.startsWith("'")) {
            int end = text.indexOf('\'', 1);
            return end < 0 ? text.substring(1) : text.substring(1, end);
        }
        if (text.startsWith("\"")) {
            StringBuilder value = new StringBuilder();
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i + 1 < text.length()) {
                    c = text.charAt(++i);
                }
                value.append(c);
            }
            return value.toString();
        }
        int comment = text.indexOf(" #");
        return (comment < 0 ? text : text.substring(0, comment)).strip();
    }
}
