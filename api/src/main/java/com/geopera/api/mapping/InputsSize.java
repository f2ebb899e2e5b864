package com.geopera.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.geopera.api.ApiProblem;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inputs cap, checked where a request is read. What counts is the size of the inputs as the api writes them
 * again (the job row, the dispatch command), not as the client sent them: the two differ, {@code 1e6} is written
 * {@code 1000000.0}, and PostgreSQL's jsonb keeps numbers as exact decimals printed without exponent, so
 * {@code 1e300} comes back as 301 digits.
 */
public final class InputsSize {
    private InputsSize() {
    }

    /** 413 {@code inputs_too_large} when the inputs measure more than {@code maxBytes}. */
    public static void requireWithin(JsonNode inputs, int maxBytes) {
        long size = bytes(inputs);
        if (size > maxBytes) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("size_bytes", size);
            extra.put("max_bytes", maxBytes);
            throw ApiProblem.of(ErrorCode.INPUTS_TOO_LARGE, "the inputs take " + size
                    + " bytes once written as the api stores and sends them; at most " + maxBytes + " are accepted",
                    extra);
        }
    }

    /** Bytes of the compact JSON, each number counted at the longer of its JSON and its plain decimal form. */
    static long bytes(JsonNode inputs) {
        if (inputs == null) {
            return 0;
        }
        Counter counter = new Counter();
        try {
            Json.mapper().writeValue(counter, inputs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counter.count + numberGrowth(inputs);
    }

    /** How many bytes the numbers gain when printed as plain decimals rather than as Jackson writes them. */
    private static long numberGrowth(JsonNode root) {
        long growth = 0;
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isContainerNode()) {
                node.elements().forEachRemaining(pending::push);
            } else if (node.isFloatingPointNumber() && Double.isFinite(node.doubleValue())) {
                growth += Math.max(0, plainLength(node.decimalValue()) - node.asText().length());
            }
        }
        return growth;
    }

    /** Length of {@code toPlainString()} without building the string (1e300 would be 301 characters). */
    private static long plainLength(BigDecimal value) {
        long digits = value.precision();
        long scale = value.scale();
        long sign = value.signum() < 0 ? 1 : 0;
        if (scale <= 0) {
            return sign + digits - scale;
        }
        return sign + (scale >= digits ? 2 + scale : digits + 1);
    }

    /** Counts what Jackson writes and keeps nothing. */
    private static final class Counter extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
