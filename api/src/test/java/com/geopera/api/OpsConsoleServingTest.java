package com.geopera.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operators' console as the api serves it: a public page with no data in it, under a Content-Security-Policy
 * that lets it talk to this api only, with its bundled script and styles from the api jar. What it shows in a
 * browser, signed in or refused, is OpsConsoleIT's (deploy/system-tests).
 */
@QuarkusTest
class OpsConsoleServingTest {
    private static final Pattern SCRIPT = Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"></script>");
    private static final Pattern STYLE = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]+)\">");

    private static Response get(String path) {
        return given().redirects().follow(false).get(path);
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in the page", pattern).isTrue();
        return m.group(1);
    }

    @Test
    void the_console_is_served_without_a_key_as_html_that_may_only_talk_to_this_api() {
        Response page = get("/ops/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self';",
                "style-src 'self';", "connect-src 'self';", "frame-ancestors 'none'", "form-action 'none'");
        String html = page.asString();
        assertThat(html).contains("<label for=\"operator-key\">Operator key</label>", "<h2 id=\"queues-heading\"");
        assertThat(html.replaceAll("<script type=\"module\" src=\"[^\"]+\"></script>", "")).doesNotContain("<script");
        assertThat(html).doesNotContain("style=\"");
    }

    @Test
    void the_console_address_without_its_slash_leads_to_it() {
        Response redirect = get("/ops");
        assertThat(redirect.statusCode()).isEqualTo(308);
        assertThat(URI.create("http://api/ops").resolve(redirect.header("Location")).getPath()).isEqualTo("/ops/");
    }

    @Test
    void the_script_and_styles_of_the_console_are_served_from_the_api_as_javascript_and_css() {
        String html = get("/ops/").asString();
        URI page = URI.create("http://api/ops/");

        URI script = page.resolve(find(SCRIPT, html));
        assertThat(script.getPath()).startsWith("/ui/ops/ops-").endsWith(".js");
        Response js = get(script.getPath());
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.contentType()).matches("(text|application)/javascript.*");
        assertThat(js.asString()).contains("ops.queues", "auth.sessions.create");

        URI style = page.resolve(find(STYLE, html));
        Response css = get(style.getPath());
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(css.asString()).contains(".level-critical");
    }
}
