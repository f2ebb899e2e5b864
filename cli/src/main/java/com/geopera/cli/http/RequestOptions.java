package com.geopera.cli.http;

import com.geopera.common.retry.Backoff;
import java.time.Duration;

/**
 * How one operation call is sent: as NDJSON stream or JSON, with which Idempotency-Key (spend operations), and how
 * often a failure that is safe to repeat is tried again.
 */
public record RequestOptions(boolean ndjson, String idempotencyKey, Backoff retries) {
    /** Requests that are safe to repeat: four tries, 0.5 s after the first failure, doubling up to 4 s. */
    static final Backoff STANDARD_RETRIES = new Backoff(4, Duration.ofMillis(500), Duration.ofSeconds(4));

    /** A read: JSON answer, retried on network errors because repeating it changes nothing. */
    public static RequestOptions read() {
        return new RequestOptions(false, null, STANDARD_RETRIES);
    }

    /** A read answered as an NDJSON stream (list operations with {@code --output ndjson}). */
    public static RequestOptions readNdjson() {
        return new RequestOptions(false, null, STANDARD_RETRIES).withNdjson(true);
    }

    /** A spend operation: retried with the same key, which the api answers with the stored first response. */
    public static RequestOptions spend(String idempotencyKey) {
        return new RequestOptions(false, idempotencyKey, STANDARD_RETRIES);
    }

    /** A change that is not idempotent on the server (admin creates, delete): sent once. */
    public static RequestOptions once() {
        return new RequestOptions(false, null, Backoff.once());
    }

    public RequestOptions withNdjson(boolean streamed) {
        return new RequestOptions(streamed, idempotencyKey, retries);
    }
}
