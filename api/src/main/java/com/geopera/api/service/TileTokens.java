package com.geopera.api.service;

import com.geopera.api.ApiProblem;
import com.geopera.api.Caller;
import com.geopera.api.config.ApiConfig;
import com.geopera.api.mapping.SigningKey;
import com.geopera.api.rest.CursorSigner;
import com.geopera.common.auth.Scope;
import com.geopera.common.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Short-lived signed tokens that let a map fetch one job's tiles, TileJSON and preview without an Authorization
 * header: {@code <expiry epoch seconds>.<org_id>.<base64url HMAC-SHA256>} of ("tile-token", job id, org id,
 * {@code clip:read}, expiry) with the server's signing key. The signature is checked before the expiry, so an altered
 * expiry is refused as altered (403 {@code tile_token_invalid}) and only a genuine old token is 401
 * {@code tile_token_expired}.
 */
@ApplicationScoped
public class TileTokens {
    private static final String USE = "tile-token";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_CHARS = 256;

    @Inject
    CursorSigner signer;
    @Inject
    ApiConfig config;
    @Inject
    Clock clock;

    /** A token and when it stops working. */
    public record Issued(String token, Instant expiresAt) {
    }

    /** A token for the tiles of {@code jobId} of {@code orgId}, valid for {@code geopera.tiles.token-ttl}. */
    public Issued issue(String orgId, String jobId) {
        Instant expires = clock.instant().plus(config.tiles().tokenTtl());
        String exp = Long.toString(expires.getEpochSecond());
        byte[] mac = key().sign(USE, jobId, orgId, Scope.CLIP_READ.value(), exp);
        return new Issued(exp + "." + orgId + "." + ENCODER.encodeToString(mac), Instant.ofEpochSecond(expires.getEpochSecond()));
    }

    /** When a token that {@link #verify} accepts stops working. */
    public Instant expiry(String token) {
        return Instant.ofEpochSecond(Long.parseLong(token.substring(0, token.indexOf('.'))));
    }

    /**
     * The caller a valid token stands for: its job's org with only {@code clip:read}.
     *
     * @throws ApiProblem 403 {@code tile_token_invalid} when the token was not made by this server for this job,
     *                    401 {@code tile_token_expired} when it was but its time is over
     */
    public Caller verify(String token, String jobId) {
        String[] parts = token == null || token.length() > MAX_TOKEN_CHARS ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].matches("[0-9]{1,12}") || parts[1].isEmpty()) {
            throw invalid();
        }
        byte[] signature;
        try {
            signature = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        // One spelling per signature: base64url's last character carries bits the decoder ignores, so another
        // character there would decode to the same bytes; a token is accepted only as it was issued.
        if (!ENCODER.encodeToString(signature).equals(parts[2])) {
            throw invalid();
        }
        if (!key().verify(signature, USE, jobId, parts[1], Scope.CLIP_READ.value(), parts[0])) {
            throw invalid();
        }
        if (clock.instant().getEpochSecond() >= Long.parseLong(parts[0])) {
            throw ApiProblem.of(ErrorCode.TILE_TOKEN_EXPIRED, "this tile token expired at "
                    + Instant.ofEpochSecond(Long.parseLong(parts[0])) + "; ask tile_info for a new one");
        }
        return new Caller("tile-token", parts[1], null, null, Set.of(Scope.CLIP_READ));
    }

    /**
     * Who may read the tiles of {@code jobId}: the bearer caller when a header was sent (it needs {@code clip:read}
     * and an org), else the token's caller.
     */
    public Caller caller(Caller bearer, String token, String jobId) {
        if (bearer != null) {
            if (!bearer.has(Scope.CLIP_READ)) {
                throw ApiProblem.of(ErrorCode.INSUFFICIENT_SCOPE, "tiles need scope " + Scope.CLIP_READ.value(),
                        java.util.Map.of("required_scope", Scope.CLIP_READ.value()));
            }
            if (bearer.orgId() == null) {
                throw ApiProblem.of(ErrorCode.INSUFFICIENT_SCOPE, "this key belongs to no organisation");
            }
            return bearer;
        }
        if (token == null || token.isBlank()) {
            throw ApiProblem.of(ErrorCode.UNAUTHENTICATED, "tiles need the token of tile_info in the URL or a bearer token");
        }
        return verify(token, jobId);
    }

    private SigningKey key() {
        return signer.key();
    }

    private static ApiProblem invalid() {
        return ApiProblem.of(ErrorCode.TILE_TOKEN_INVALID, "this tile token was not issued for this job or was altered");
    }
}
