package com.geopera.cli.http;

/**
 * How one operation call is sent: as NDJSON stream or JSON, with which Idempotency-Key (spend operations), and
 * whether a network failure may be retried.
 */
public record RequestOptions(boolean ndjson, String idempotencyKey, RetryPolicy retryPolicy) {

    /** A read: JSON answer, retried on network errors because repeating it changes nothing. */
    public static RequestOptions read() {
        return new RequestOptions(false, null, RetryPolicy.standard());
    }

    /** A read answered as an NDJSON stream (list operations with {@code --output ndjson}). */
    public static RequestOptions readNdjson() {
        return new RequestOptions(false, null, RetryPolicy.standard()).withNdjson(true);
    }

    /** A spend operation: retried with the same key, which the api answers with the stored first response. */
    public static RequestOptions spend(String idempotencyKey) {
        return new RequestOptions(false, idempotencyKey, RetryPolicy.standard());
    }

    /** A change that is not idempotent on the server (admin creates, delete): sent once. */
    public static RequestOptions once() {
        return new RequestOptions(false, null, RetryPolicy.none());
    }

    public RequestOptions withNdjson(boolean streamed) {
        return new RequestOptions(streamed, idempotencyKey, retryPolicy);
    }
}
