package com.geopera.api.service;

import com.geopera.api.ApiProblem;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.store.IdempotencyStore;
import com.geopera.api.store.IdempotencyStore.Record;
import com.geopera.common.error.ErrorCode;
import com.geopera.common.error.InputErrorCodes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} of spend operations, per org. The first request with a key runs and its final answer
 * (status and body, refusals below 500 included) is stored; a repeat with the same body gets that answer again, a
 * repeat with another body 422 {@code idempotency_key_reused}, a repeat while the first still runs 409
 * {@code idempotency_key_in_flight}. A 5xx or crash forgets the key so the client can retry.
 */
@ApplicationScoped
public class Idempotency {
    private static final int MAX_KEY_LENGTH = 255;

    @Inject
    IdempotencyStore store;
    @Inject
    ApiConfig config;
    @Inject
    Clock clock;

    /** A finished answer: HTTP status and the JSON (or problem+json) body. */
    public record Answer(int status, byte[] body, boolean replayed) {
    }

    /** Runs {@code action} once per (org, key); {@code key == null} just runs it. */
    public Answer run(String orgId, String key, String operation, byte[] body, Supplier<Answer> action,
            java.util.function.Function<ApiProblem, byte[]> renderProblem) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiProblem.invalid(InputErrorCodes.OUT_OF_RANGE, "/headers/Idempotency-Key",
                    "Idempotency-Key must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        byte[] hash = hash(operation, body);
        Answer stored = QuarkusTransaction.requiringNew().call(() -> claim(orgId, key, operation, hash));
        if (stored != null) {
            return stored;
        }
        Answer answer;
        try {
            answer = action.get();
        } catch (ApiProblem problem) {
            if (problem.status() < 500) {
                byte[] rendered = renderProblem.apply(problem);
                QuarkusTransaction.requiringNew().run(() -> store.complete(orgId, key, problem.status(), rendered));
            } else {
                QuarkusTransaction.requiringNew().run(() -> store.delete(orgId, key));
            }
            throw problem;
        } catch (RuntimeException | Error failure) {
            QuarkusTransaction.requiringNew().run(() -> store.delete(orgId, key));
            throw failure;
        }
        QuarkusTransaction.requiringNew().run(() -> store.complete(orgId, key, answer.status(), answer.body()));
        return answer;
    }

    /** Null when this request may run; the stored answer to replay; or a refusal. */
    private Answer claim(String orgId, String key, String operation, byte[] hash) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.idempotency().ttl());
        if (store.tryInsert(orgId, key, operation, hash, now, expiresAt)) {
            return null;
        }
        Record record = store.lock(orgId, key).orElse(null);
        if (record == null || record.expiresAt().isBefore(now)) {
            if (record == null) {
                store.tryInsert(orgId, key, operation, hash, now, expiresAt);
            } else {
                store.restart(orgId, key, operation, hash, now, expiresAt);
            }
            return null;
        }
        if (!record.operation().equals(operation) || !MessageDigest.isEqual(record.requestHash(), hash)) {
            throw ApiProblem.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key " + key + " was first used with another request");
        }
        if ("in_flight".equals(record.state())) {
            if (record.createdAt().plus(config.idempotency().inFlightTimeout()).isBefore(now)) {
                store.restart(orgId, key, operation, hash, now, expiresAt);
                return null;
            }
            throw ApiProblem.of(ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                    "a request with Idempotency-Key " + key + " is still being processed");
        }
        return new Answer(record.responseStatus(), record.responseBody(), true);
    }

    private static byte[] hash(String operation, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body == null ? new byte[0] : body);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
