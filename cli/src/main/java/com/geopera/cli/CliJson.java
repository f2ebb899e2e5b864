package com.geopera.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the command line. */
public final class CliJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // "12abc" is a string input, not the number 12 followed by junk.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Keep decimals exactly as typed (1.10 stays 1.10).
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private CliJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
