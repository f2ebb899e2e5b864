package com.geopera.api.service;

import com.geopera.api.Caller;
import com.geopera.api.config.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per second per org (per key for admin keys, which have no org): a token bucket per org, in this
 * replica's memory. Why not PostgreSQL: a shared bucket is a row every request of the org would update, a hot row
 * that serialises the org's requests and adds a write to reads that now cost one indexed select; the limit is a
 * flood guard, for which "per replica" (N replicas admit N times the rate) is precise enough. Why not a library:
 * the state is two numbers under a lock; the libraries that do it (Bucket4j, Resilience4j) bring their own
 * registries and configuration for what is a dozen lines here. Time comes from the injected clock.
 */
@ApplicationScoped
public class RequestRates {
    /** Beyond this many tracked orgs the map is cleared (every org starts again with a full bucket). */
    private static final int MAX_TRACKED = 100_000;

    @Inject
    ApiConfig config;
    @Inject
    Clock clock;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one request from the caller's bucket: {@link Duration#ZERO} when admitted, else how long to wait. */
    public Duration admit(Caller caller) {
        String owner = caller.orgId() != null ? "org " + caller.orgId() : "key " + caller.keyId();
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        double rate = config.limits().requestsPerSecond();
        int burst = config.limits().burst();
        return buckets.computeIfAbsent(owner, o -> new Bucket(burst, clock.millis())).take(rate, burst, clock.millis());
    }

    /** Tokens refill at {@code rate} per second up to {@code burst}; a request takes one. */
    private static final class Bucket {
        private double tokens;
        private long updatedAtMillis;

        Bucket(int burst, long nowMillis) {
            this.tokens = burst;
            this.updatedAtMillis = nowMillis;
        }

        synchronized Duration take(double rate, int burst, long nowMillis) {
            // A clock that stepped back refills nothing, and refilling goes on from its new time.
            long elapsed = Math.max(0, nowMillis - updatedAtMillis);
            tokens = Math.min(burst, tokens + elapsed * rate / 1000.0);
            updatedAtMillis = nowMillis;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000.0 / rate));
        }
    }
}
