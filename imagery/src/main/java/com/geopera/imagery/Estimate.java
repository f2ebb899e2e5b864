package com.geopera.imagery;

import java.time.Instant;
import java.util.Map;

/** An upper bound of the credits a run will use, the quantities it was computed from, and when it expires. */
public record Estimate(long credits, Map<String, Object> basis, Instant expiresAt) {
}
