package com.geopera.api.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer secrets: {@code gpra_} (API key) or {@code gprs_} (session) + a 12-character lookup + a 256-bit random
 * secret. The lookup finds the row; only SHA-256 of the whole token is stored and compared in constant time.
 */
public final class Tokens {
    public static final String API_KEY_PREFIX = "gpra_";
    public static final String SESSION_PREFIX = "gprs_";
    private static final int LOOKUP_LENGTH = 12;
    private static final int SECRET_BYTES = 32;
    private static final char[] LOOKUP_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String newToken(String prefix) {
        StringBuilder token = new StringBuilder(prefix);
        for (int i = 0; i < LOOKUP_LENGTH; i++) {
            token.append(LOOKUP_ALPHABET[RANDOM.nextInt(LOOKUP_ALPHABET.length)]);
        }
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return token.append(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)).toString();
    }

    /** True when the token is long enough to carry a lookup and a secret. */
    public static boolean wellFormed(String token, String prefix) {
        return token != null && token.startsWith(prefix) && token.length() >= prefix.length() + LOOKUP_LENGTH + 16
                && token.length() <= 512;
    }

    public static String lookup(String token) {
        return token.substring(API_KEY_PREFIX.length(), API_KEY_PREFIX.length() + LOOKUP_LENGTH);
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean matches(String token, byte[] storedHash) {
        return MessageDigest.isEqual(hash(token), storedHash);
    }
}
