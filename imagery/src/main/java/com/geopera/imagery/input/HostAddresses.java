package com.geopera.imagery.input;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Tells which network addresses a remote input may be read from: public unicast only. Private, loopback, link-local
 * (where cloud metadata services answer), unique-local, multicast, unspecified, carrier-grade NAT, documentation and
 * reserved ranges are refused, for IPv4 and IPv6 alike, including IPv4 addresses carried inside IPv6 ones
 * (mapped, compatible, NAT64, 6to4), which would otherwise reach the same hosts under another spelling.
 */
public final class HostAddresses {
    private HostAddresses() {
    }

    /**
     * Why {@code address} may not be read from, or empty when it may.
     *
     * @param allowLoopback accept 127.0.0.0/8 and ::1 (tests and local development only: their servers listen there)
     */
    public static Optional<String> whyRefused(InetAddress address, boolean allowLoopback) {
        if (address instanceof Inet4Address v4) {
            return whyRefused4(v4.getAddress(), allowLoopback);
        }
        if (address instanceof Inet6Address v6) {
            return whyRefused6(v6.getAddress(), allowLoopback);
        }
        return Optional.of("not an IP address");
    }

    private static Optional<String> whyRefused4(byte[] a, boolean allowLoopback) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        int b2 = a[2] & 0xff;
        if (b0 == 127) {
            return allowLoopback ? Optional.empty() : Optional.of("loopback");
        }
        if (b0 == 0) {
            return Optional.of("unspecified");
        }
        if (b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)) {
            return Optional.of("private");
        }
        if (b0 == 169 && b1 == 254) {
            return Optional.of("link-local");
        }
        if (b0 == 100 && (b1 & 0xc0) == 64) {
            return Optional.of("shared (carrier-grade NAT)");
        }
        if (b0 >= 224 && b0 <= 239) {
            return Optional.of("multicast");
        }
        if (b0 >= 240) {
            return Optional.of("reserved or broadcast");
        }
        if ((b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2)) || (b0 == 198 && (b1 & 0xfe) == 18)
                || (b0 == 198 && b1 == 51 && b2 == 100) || (b0 == 203 && b1 == 0 && b2 == 113)) {
            return Optional.of("special-purpose");
        }
        return Optional.empty();
    }

    private static Optional<String> whyRefused6(byte[] a, boolean allowLoopback) {
        boolean zeroPrefix96 = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix96 &= a[i] == 0;
        }
        if (zeroPrefix96 && a[10] == (byte) 0xff && a[11] == (byte) 0xff) {
            return whyRefused4(tail4(a, 12), allowLoopback);
        }
        if (zeroPrefix96 && a[10] == 0 && a[11] == 0) {
            boolean zeroHigh = a[12] == 0 && a[13] == 0 && a[14] == 0;
            if (zeroHigh && a[15] == 0) {
                return Optional.of("unspecified");
            }
            if (zeroHigh && a[15] == 1) {
                return allowLoopback ? Optional.empty() : Optional.of("loopback");
            }
            return whyRefused4(tail4(a, 12), allowLoopback);
        }
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if (b0 == 0xff) {
            return Optional.of("multicast");
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return Optional.of("link-local");
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return Optional.of("site-local");
        }
        if ((b0 & 0xfe) == 0xfc) {
            return Optional.of("unique-local");
        }
        if (b0 == 0x00 && b1 == 0x64 && a[2] == (byte) 0xff && a[3] == (byte) 0x9b) {
            // NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48): judged by the IPv4 address it reaches
            return whyRefused4(tail4(a, 12), allowLoopback);
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return whyRefused4(tail4(a, 2), allowLoopback);
        }
        if (b0 == 0x20 && b1 == 0x01 && a[2] == 0 && a[3] == 0) {
            return Optional.of("Teredo tunnel");
        }
        if (b0 == 0x20 && b1 == 0x01 && a[2] == 0x0d && a[3] == (byte) 0xb8) {
            return Optional.of("documentation");
        }
        if (b0 == 0x01 && b1 == 0x00 && a[2] == 0 && a[3] == 0 && a[4] == 0 && a[5] == 0 && a[6] == 0 && a[7] == 0) {
            return Optional.of("discard-only");
        }
        return Optional.empty();
    }

    private static byte[] tail4(byte[] a, int from) {
        return new byte[] {a[from], a[from + 1], a[from + 2], a[from + 3]};
    }
}
