package com.geopera.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The map page's configuration checks and its template filling, without an app. */
class MapPageTest {

    @Test
    void a_basemap_template_gives_the_origin_the_page_may_load_tiles_from() {
        assertThat(MapPage.basemapOrigin("https://tile.openstreetmap.org/{z}/{x}/{y}.png"))
                .contains("https://tile.openstreetmap.org");
        assertThat(MapPage.basemapOrigin("http://127.0.0.1:8089/osm/{z}/{x}/{y}.png?key=k"))
                .contains("http://127.0.0.1:8089");
        assertThat(MapPage.basemapOrigin("HTTPS://Tiles.Example/{z}/{y}/{x}")).contains("https://Tiles.Example");
    }

    @Test
    void none_turns_the_basemap_off() {
        assertThat(MapPage.basemapOrigin("none")).isEqualTo(Optional.empty());
    }

    @Test
    void a_basemap_template_the_page_could_not_use_stops_the_api_from_starting() {
        for (String bad : new String[] {"tile.openstreetmap.org/{z}/{x}/{y}.png", "https://h/{z}/{x}.png",
            "file:///tmp/{z}/{x}/{y}.png", "javascript:alert(1)//{z}{x}{y}", "https://h/{z}/{x}/{y} .png", ""}) {
            assertThatThrownBy(() -> MapPage.basemapOrigin(bad)).as(bad)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("geopera.map.basemap-url");
        }
    }

    @Test
    void values_put_into_a_page_are_html_escaped() {
        assertThat(WebPages.escape("<script>\"a\" & 'b'</script>"))
                .isEqualTo("&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;");
    }

    @Test
    void the_built_map_page_has_a_value_for_each_of_its_placeholders_and_no_inline_script() {
        String html = new WebPages().render("map", Map.of("basemap_url", "https://h/{z}/{x}/{y}.png",
                "basemap_attribution", "© <OSM>"));
        assertThat(html).contains("content=\"https://h/{z}/{x}/{y}.png\"").contains("content=\"© &lt;OSM&gt;\"")
                .doesNotContain("{{").doesNotContain("%PAGE_")
                .containsPattern("<script type=\"module\" src=\"\\.\\./\\.\\./\\.\\./\\.\\./ui/map/map-[A-Z0-9]+\\.js\">")
                .containsPattern("<link rel=\"stylesheet\" href=\"\\.\\./\\.\\./\\.\\./\\.\\./ui/map/map-[A-Z0-9]+\\.css\">");
        assertThat(html.replaceAll("<script type=\"module\" src=\"[^\"]+\"></script>", "")).doesNotContain("<script");
    }
}
