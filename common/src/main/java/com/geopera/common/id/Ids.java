package com.geopera.common.id;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Prefixed, time-ordered identifiers such as {@code job_01JD3Q8Z5X6V7W8Y9Z0A1B2C3D}: a type prefix, then a
 * 26-character ULID (48-bit milliseconds + 80 random bits, Crockford base32), so ids sort by creation time.
 */
public final class Ids {
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ULID_LENGTH = 26;

    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + "_" + ulid(Clock.systemUTC().millis());
    }

    static String ulid(long epochMillis) {
        char[] out = new char[ULID_LENGTH];
        long time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        // 80 random bits → 16 base32 characters, 5 bits at a time.
        int bitBuffer = 0;
        int bits = 0;
        int pos = 10;
        for (byte b : random) {
            bitBuffer = (bitBuffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out[pos++] = CROCKFORD[(bitBuffer >>> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        return new String(out);
    }

    /** True when {@code id} has the given prefix and a well-formed ULID body. */
    public static boolean isValid(String prefix, String id) {
        if (id == null || !id.startsWith(prefix + "_") || id.length() != prefix.length() + 1 + ULID_LENGTH) {
            return false;
        }
        for (int i = prefix.length() + 1; i < id.length(); i++) {
            if (new String(CROCKFORD).indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
