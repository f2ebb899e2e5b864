package com.geopera.api.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.geopera.common.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Answers that services still build as maps (admin, auth, job types) turned into their contract records. Strict: a
 * member the record does not declare fails loudly, so an answer cannot carry what the OpenAPI document does not say.
 */
public final class Answers {
    private static final ObjectMapper STRICT = Json.configure(new ObjectMapper())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Answers() {
    }

    public static <T> T typed(Map<String, Object> answer, Class<T> type) {
        return STRICT.convertValue(answer, type);
    }

    public static <T> List<T> list(List<Map<String, Object>> answers, Class<T> type) {
        return answers.stream().map(answer -> typed(answer, type)).toList();
    }
}
