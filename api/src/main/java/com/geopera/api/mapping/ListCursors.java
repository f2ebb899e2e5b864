package com.geopera.api.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.geopera.api.store.JobQuery;
import com.geopera.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque list cursors: base64url of a small JSON (the last row's sort value and job id, and a digest of the
 * listing it belongs to), a dot, and an HMAC-SHA256 of the org and that JSON. The org is in the signature, not in
 * the token, so a cursor shown to another org fails verification instead of reading someone else's rows.
 */
public final class ListCursors {
    /** Bytes of the listing digest kept in the token: enough to tell listings apart, small enough to stay short. */
    private static final int LISTING_DIGEST_BYTES = 12;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SigningKey key;

    public ListCursors(SigningKey key) {
        this.key = key;
    }

    /** The cursor of the page that starts after {@code after} in this org's listing {@code query}. */
    public String write(String orgId, JobQuery query, JobQuery.After after) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("l", listingDigest(query));
        if (after.sortValue() == null) {
            payload.putNull("k");
        } else {
            payload.put("k", after.sortValue());
        }
        payload.put("i", after.jobId());
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ENCODER.encodeToString(json) + "." + ENCODER.encodeToString(mac(orgId, json));
    }

    /**
     * Where the page of {@code cursor} starts, or empty when the cursor was not made by this server for this org
     * and this listing (tampered, truncated, another org's, another sort or filter).
     */
    public Optional<JobQuery.After> read(String cursor, String orgId, JobQuery query) {
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] json = DECODER.decode(cursor.substring(0, dot));
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(orgId, json))) {
                return Optional.empty();
            }
            JsonNode payload = Json.mapper().readTree(json);
            if (!listingDigest(query).equals(payload.path("l").asText(null)) || !payload.path("i").isTextual()) {
                return Optional.empty();
            }
            JsonNode key = payload.path("k");
            if (!key.isNull() && !key.isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new JobQuery.After(key.isNull() ? null : key.asText(), payload.path("i").asText()));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    /** The org is the first field, so (org, payload) pairs cannot be shifted into one another. */
    private byte[] mac(String orgId, byte[] json) {
        return key.sign(orgId.getBytes(StandardCharsets.UTF_8), json);
    }

    private static String listingDigest(JobQuery query) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(query.listingKey().getBytes(StandardCharsets.UTF_8));
            return ENCODER.encodeToString(Arrays.copyOf(digest, LISTING_DIGEST_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
