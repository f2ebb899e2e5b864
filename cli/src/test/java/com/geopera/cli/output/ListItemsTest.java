package com.geopera.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.cli.CliJson;
import com.geopera.cli.http.ApiResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListItemsTest {
    private static JsonNode parse(String text) throws Exception {
        return CliJson.mapper().readTree(text);
    }

    @Test
    void items_are_found_in_arrays_envelopes_and_ndjson_lines() throws Exception {
        assertThat(ListItems.of(parse("[{\"a\":1}]"))).hasSize(1);
        assertThat(ListItems.of(parse("{\"page\":1,\"jobs\":[{\"a\":1},{\"a\":2}]}"))).hasSize(2);
        assertThat(ListItems.of(parse("{\"processes\":[{\"id\":\"clip\"}],\"links\":[]}"))).hasSize(1);
        assertThat(ListItems.of(parse("{\"whatever\":[1,2,3]}"))).hasSize(3);
        assertThat(ListItems.of(new ApiResponse(200, null, List.of(parse("{\"a\":1}"), parse("{\"a\":2}")))))
                .hasSize(2);
        assertThat(ListItems.of((JsonNode) null)).isEmpty();
    }
}
