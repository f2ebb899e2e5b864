package com.geopera.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.geopera.cli.CliJson;
import com.geopera.cli.error.CliException;
import com.geopera.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputParserTest {
    @TempDir
    Path dir;

    private InputParser parser() {
        return new InputParser(CliJson.mapper(), dir);
    }

    @Test
    void an_at_file_reference_is_replaced_by_the_parsed_json_file() throws IOException {
        Files.writeString(dir.resolve("area.geojson"), "{\"type\":\"Polygon\",\"coordinates\":[[[6,49],[6.1,49],[6,49.1],[6,49]]]}");

        var inputs = parser().parse(null, List.of("aoi=@area.geojson"));

        assertThat(inputs.get("aoi").get("type").asText()).isEqualTo("Polygon");
        assertThat(inputs.get("aoi").get("coordinates").isArray()).isTrue();
    }

    @Test
    void json_literals_become_numbers_booleans_nulls_arrays_and_objects() {
        var inputs = parser().parse(null, List.of("m0=1.2", "bands=[1,2,3]", "cog=true", "nodata=null", "n=-3",
                "opts={\"a\":1}", "quoted=\"12\""));

        assertThat(inputs.get("m0").isNumber()).isTrue();
        assertThat(inputs.get("m0").decimalValue()).isEqualByComparingTo("1.2");
        assertThat(inputs.get("bands").size()).isEqualTo(3);
        assertThat(inputs.get("cog").booleanValue()).isTrue();
        assertThat(inputs.get("nodata").isNull()).isTrue();
        assertThat(inputs.get("n").intValue()).isEqualTo(-3);
        assertThat(inputs.get("opts").get("a").intValue()).isEqualTo(1);
        assertThat(inputs.get("quoted").isTextual()).isTrue();
        assertThat(inputs.get("quoted").asText()).isEqualTo("12");
    }

    @Test
    void anything_that_is_not_json_stays_the_string_that_was_typed() {
        var inputs = parser().parse(null, List.of("method=bilinear", "version=1.2.3", "code=12abc", "empty=",
                "url=https://example.com/a.tif", "eq=a=b"));

        assertThat(inputs.get("method").asText()).isEqualTo("bilinear");
        assertThat(inputs.get("version").asText()).isEqualTo("1.2.3");
        assertThat(inputs.get("code").asText()).isEqualTo("12abc");
        assertThat(inputs.get("empty").asText()).isEmpty();
        assertThat(inputs.get("url").asText()).isEqualTo("https://example.com/a.tif");
        assertThat(inputs.get("eq").asText()).isEqualTo("a=b");
    }

    @Test
    void file_uris_are_sent_as_typed_because_the_api_resolves_them_in_its_input_roots() throws IOException {
        Files.writeString(dir.resolve("elev.tif"), "raster");

        var inputs = parser().parse(null, List.of("image=file:elev.tif", "absolute=file:/data/x.tif"));

        assertThat(inputs.get("image").asText()).isEqualTo("file:elev.tif");
        assertThat(inputs.get("absolute").asText()).isEqualTo("file:/data/x.tif");
    }

    @Test
    void input_flags_are_added_on_top_of_the_inputs_file() throws IOException {
        Files.writeString(dir.resolve("inputs.json"), "{\"image\":\"file:/a.tif\",\"m0\":1}");

        var inputs = parser().parse(Path.of("inputs.json"), List.of("m0=2", "m1=3"));

        assertThat(inputs.get("image").asText()).isEqualTo("file:/a.tif");
        assertThat(inputs.get("m0").intValue()).isEqualTo(2);
        assertThat(inputs.get("m1").intValue()).isEqualTo(3);
    }

    @Test
    void a_name_given_twice_is_a_usage_error() {
        assertUsageError(() -> parser().parse(null, List.of("m0=1", "m0=2")), "given twice");
    }

    @Test
    void an_input_without_name_and_equals_sign_is_a_usage_error() {
        assertUsageError(() -> parser().parse(null, List.of("justavalue")), "name=value");
        assertUsageError(() -> parser().parse(null, List.of("=1")), "name=value");
    }

    @Test
    void a_missing_or_invalid_json_file_is_a_usage_error() throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{not json");

        assertUsageError(() -> parser().parse(null, List.of("aoi=@absent.json")), "no such file");
        assertUsageError(() -> parser().parse(null, List.of("aoi=@broken.json")), "not valid JSON");
    }

    @Test
    void an_inputs_file_that_holds_no_object_is_a_usage_error() throws IOException {
        Files.writeString(dir.resolve("list.json"), "[1,2]");

        assertUsageError(() -> parser().parse(Path.of("list.json"), List.of()), "JSON object");
    }

    private static void assertUsageError(Runnable action, String message) {
        assertThatThrownBy(action::run).isInstanceOf(CliException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    }
}
