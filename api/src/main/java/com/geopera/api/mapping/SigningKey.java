package com.geopera.api.mapping;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's HMAC-SHA256 key, for everything the api hands out and later trusts back: list cursors and tile
 * tokens. Each use signs its own fields joined by NUL (a byte no id, name or number contains), starting with a
 * field of its own, so a signature made for one use cannot be replayed as another.
 */
public final class SigningKey {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int GENERATED_SECRET_BYTES = 32;

    private final byte[] secret;

    public SigningKey(byte[] secret) {
        this.secret = secret.clone();
    }

    /** The configured secret, or a random one when none is configured (then signatures die with the process). */
    public static SigningKey of(Optional<String> configuredSecret) {
        if (configuredSecret.isPresent() && !configuredSecret.get().isBlank()) {
            return new SigningKey(configuredSecret.get().getBytes(StandardCharsets.UTF_8));
        }
        byte[] random = new byte[GENERATED_SECRET_BYTES];
        new SecureRandom().nextBytes(random);
        return new SigningKey(random);
    }

    /** The MAC of the fields, each followed by a NUL separator except the last. */
    public byte[] sign(byte[]... fields) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    mac.update((byte) 0);
                }
                mac.update(fields[i]);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #sign} of UTF-8 texts. */
    public byte[] sign(String... fields) {
        byte[][] bytes = new byte[fields.length][];
        for (int i = 0; i < fields.length; i++) {
            bytes[i] = fields[i].getBytes(StandardCharsets.UTF_8);
        }
        return sign(bytes);
    }

    /** True when {@code signature} is the MAC of the fields (compared in constant time). */
    public boolean verify(byte[] signature, String... fields) {
        return MessageDigest.isEqual(signature, sign(fields));
    }
}
