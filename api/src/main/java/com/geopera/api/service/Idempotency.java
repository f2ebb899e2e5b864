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
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} of spend operations, per org. The first request with a key runs and its final answer
 * (status and body, refusals below 500 included) is stored; a repeat with the same body gets that answer again, a
 * repeat with another body 422 {@code idempotency_key_reused}, a repeat while the first still runs 409
 * {@code idempotency_key_in_flight}.
 *
 * <p>The answer is stored in the operation's own transaction (job row, hold, outbox row and record commit
 * together), and "still running" is a PostgreSQL advisory lock held by that transaction, not a row: a crash at any
 * point either leaves nothing (the transaction rolls back, the lock goes with it, a retry runs once) or the whole
 * spend with its record (a retry replays it). A 5xx stores nothing, so the client can retry.
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

    /**
     * Runs {@code action} once per (org, key); {@code key == null} just runs it. The action joins the transaction
     * opened here: an answer it returns is committed with its record; a refusal it throws (an {@link ApiProblem}
     * below 500) rolls its work back and is recorded on its own.
     */
    public Answer run(String orgId, String key, String operation, byte[] body, Supplier<Answer> action,
            Function<ApiProblem, byte[]> renderProblem) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ApiProblem.invalid(InputErrorCodes.OUT_OF_RANGE, "/headers/Idempotency-Key",
                    "Idempotency-Key must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        byte[] hash = hash(operation, body);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Answer stored = claim(orgId, key, operation, hash);
                if (stored != null) {
                    return stored;
                }
                Answer answer;
                try {
                    answer = action.get();
                } catch (ApiProblem problem) {
                    if (problem.status() < 500) {
                        throw new Refusal(problem);
                    }
                    throw problem;
                }
                Instant now = clock.instant();
                store.save(orgId, key, operation, hash, answer.status(), answer.body(), now,
                        now.plus(config.idempotency().ttl()));
                return answer;
            });
        } catch (Refusal refusal) {
            ApiProblem problem = refusal.problem;
            byte[] rendered = renderProblem.apply(problem);
            QuarkusTransaction.requiringNew().run(() -> recordRefusal(orgId, key, operation, hash, problem, rendered));
            throw problem;
        }
    }

    /**
     * A refusal changed nothing (its transaction rolled back), so recording it apart cannot spend twice. If another
     * request with the key runs or answered meanwhile, its answer is the one kept.
     */
    private void recordRefusal(String orgId, String key, String operation, byte[] hash, ApiProblem problem,
            byte[] rendered) {
        Instant now = clock.instant();
        if (!store.tryLock(orgId, key)) {
            return;
        }
        Record existing = store.find(orgId, key).orElse(null);
        if (existing == null || replaceable(existing, now)) {
            store.save(orgId, key, operation, hash, problem.status(), rendered, now,
                    now.plus(config.idempotency().ttl()));
        }
    }

    /** Null when this request may run; the stored answer to replay; or a refusal. */
    private Answer claim(String orgId, String key, String operation, byte[] hash) {
        if (!store.tryLock(orgId, key)) {
            throw ApiProblem.of(ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                    "a request with Idempotency-Key " + key + " is still being processed");
        }
        Record record = store.find(orgId, key).orElse(null);
        if (record == null || replaceable(record, clock.instant())) {
            return null;
        }
        if (!record.operation().equals(operation) || !MessageDigest.isEqual(record.requestHash(), hash)) {
            throw ApiProblem.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key " + key + " was first used with another request");
        }
        return new Answer(record.responseStatus(), record.responseBody(), true);
    }

    /**
     * An expired record, or one left {@code in_flight} by a version of the api that stored the key before running
     * the operation: nobody holds its lock, so no request with it is running.
     */
    private static boolean replaceable(Record record, Instant now) {
        return record.expiresAt().isBefore(now) || record.responseStatus() == null;
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

    /** Carries an operation's refusal out of its transaction, telling it apart from the key's own refusals. */
    private static final class Refusal extends RuntimeException {
        private final ApiProblem problem;

        Refusal(ApiProblem problem) {
            super(problem.getMessage(), null, false, false);
            this.problem = problem;
        }
    }
}
