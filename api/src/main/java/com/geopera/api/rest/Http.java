package com.geopera.api.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.geopera.api.service.Idempotency.Answer;
import com.geopera.common.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.UncheckedIOException;
import java.util.List;

/** Response helpers shared by the resources: JSON bytes, NDJSON streams, replayed answers. */
public final class Http {
    public static final String NDJSON = "application/x-ndjson";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String REPLAYED = "Idempotency-Replayed";

    private Http() {
    }

    public static byte[] bytes(Object body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(bytes(body)).build();
    }

    public static Response ok(Object body) {
        return json(200, body);
    }

    /** An answer of a spend operation, first or replayed. */
    public static Response answer(Answer answer) {
        Response.ResponseBuilder builder = Response.status(answer.status())
                .type(answer.status() >= 400 ? ProblemResponses.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .entity(answer.body());
        if (answer.replayed()) {
            builder.header(REPLAYED, "true");
        }
        return builder.build();
    }

    public static boolean wantsNdjson(String accept) {
        return accept != null && accept.contains(NDJSON);
    }

    /** One JSON document per line. */
    public static Response ndjson(List<?> items) {
        StreamingOutput stream = out -> {
            for (Object item : items) {
                Json.mapper().writeValue(new NonClosing(out), item);
                out.write('\n');
            }
            out.flush();
        };
        return Response.ok(stream, NDJSON).build();
    }

    /** Keeps Jackson from closing the response stream after each line. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
        }
    }
}
