package com.geopera.api.rest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The api's browser pages: the HTML templates that the front-end build (api/src/main/web, docs/DEVELOPMENT.md
 * "Front end") writes to {@code web/<page>.html} on the classpath, with {@code {{name}}} placeholders filled in.
 * Values are HTML-escaped: a page never carries markup from configuration or a request. Scripts and styles are
 * separate static files under {@code /ui/} (no inline code, so the pages run under a strict Content-Security-Policy).
 */
@ApplicationScoped
public class WebPages {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");
    private final Map<String, String> templates = new ConcurrentHashMap<>();

    /** Page {@code name} with every placeholder replaced by its escaped value; each placeholder must have one. */
    public String render(String name, Map<String, String> values) {
        String template = templates.computeIfAbsent(name, WebPages::load);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder page = new StringBuilder(template.length() + 256);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("page " + name + " needs a value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(page, Matcher.quoteReplacement(escape(value)));
        }
        m.appendTail(page);
        return page.toString();
    }

    /** Text safe inside an HTML element or a double-quoted attribute. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String load(String name) {
        String resource = "web/" + name + ".html";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath: the api was built without its "
                        + "pages (the exec-maven-plugin step web-pages runs api/src/main/web/build.mjs)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
