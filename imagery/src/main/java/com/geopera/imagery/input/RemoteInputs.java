package com.geopera.imagery.input;

import com.geopera.common.error.InputErrorCodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether an {@code http(s)://} input may be handed to GDAL, before GDAL makes any request: the host must be
 * on the allow-list, every address it resolves to must be public ({@link HostAddresses}), and a first request made
 * here (one byte, redirects not followed) must be answered with the data itself. GDAL's curl follows redirects on
 * its own and GDAL 3.6 has no setting to stop it, so a redirect is refused here rather than followed blindly.
 *
 * <p>What this cannot close: GDAL resolves the host again for its own requests (a DNS answer that changes between
 * this check and GDAL's look-up is not seen), and a server that redirects only later requests is followed by curl.
 * A deployment limits egress at the network (Kubernetes NetworkPolicy) to close both.
 */
public final class RemoteInputs {
    /** Resolves a host name to its addresses; the system resolver in production, a table in tests. */
    @FunctionalInterface
    public interface Dns {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final String UNREADABLE = "the image could not be read from its URL";

    private final Set<String> allowedHosts;
    private final boolean allowLoopback;
    private final Duration timeout;
    private final Dns dns;
    private final HttpClient http;

    /**
     * @param allowedHosts  host names or IP literals (case-insensitive, IPv6 with or without brackets)
     * @param allowLoopback accept loopback addresses: for tests and local development only
     * @param timeout       connect and answer timeout of the check's request
     */
    public RemoteInputs(Iterable<String> allowedHosts, boolean allowLoopback, Duration timeout, Dns dns) {
        this.allowedHosts = java.util.stream.StreamSupport.stream(allowedHosts.spliterator(), false)
                .map(RemoteInputs::normalHost).collect(Collectors.toUnmodifiableSet());
        this.allowLoopback = allowLoopback;
        this.timeout = timeout;
        this.dns = dns;
        // NO_PROXY: the address checked must be the address connected to, not a proxy's
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(timeout).build();
    }

    /** With the system's DNS resolver. */
    public RemoteInputs(Iterable<String> allowedHosts, boolean allowLoopback, Duration timeout) {
        this(allowedHosts, allowLoopback, timeout, InetAddress::getAllByName);
    }

    /** The GDAL path of an allowed, reachable, non-redirecting URL, or why it may not be read. */
    public InputResolver.Resolution check(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return InputResolver.Resolution.problem(InputErrorCodes.TYPE_MISMATCH, "the URI names no host");
        }
        if (uri.getRawUserInfo() != null) {
            return InputResolver.Resolution.problem(InputErrorCodes.TYPE_MISMATCH, "credentials in the URI are not accepted");
        }
        if (!allowedHosts.contains(normalHost(host))) {
            return InputResolver.Resolution.problem(InputErrorCodes.HOST_NOT_ALLOWED, "host " + host + " is not allowed");
        }
        InetAddress[] addresses;
        try {
            addresses = dns.resolve(normalHost(host));
        } catch (UnknownHostException e) {
            return InputResolver.Resolution.problem(InputErrorCodes.INPUT_UNREADABLE, UNREADABLE,
                    "cannot resolve " + host + ": " + e.getMessage());
        }
        for (InetAddress address : addresses) {
            Optional<String> why = HostAddresses.whyRefused(address, allowLoopback);
            if (why.isPresent()) {
                return InputResolver.Resolution.problem(InputErrorCodes.HOST_NOT_ALLOWED,
                        "host " + host + " has a " + why.get() + " address, which inputs may not be read from");
            }
        }
        return firstRequest(uri);
    }

    /** One byte of the URL, asked the way GDAL will ask (a range request), to see the server's answer first. */
    private InputResolver.Resolution firstRequest(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Range", "bytes=0-0").GET().build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException | IllegalArgumentException e) {
            return InputResolver.Resolution.problem(InputErrorCodes.INPUT_UNREADABLE, UNREADABLE,
                    "request to " + redacted(uri) + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return InputResolver.Resolution.problem(InputErrorCodes.INPUT_UNREADABLE, UNREADABLE, "interrupted");
        }
        int status = response.statusCode();
        if (status == 200 || status == 206) {
            return InputResolver.Resolution.ok("/vsicurl/" + uri.toASCIIString());
        }
        if (status == 404 || status == 410) {
            return InputResolver.Resolution.problem(InputErrorCodes.INPUT_NOT_FOUND, "the image could not be found at its URL",
                    "HTTP " + status + " from " + redacted(uri));
        }
        if (status >= 300 && status < 400) {
            return InputResolver.Resolution.problem(InputErrorCodes.INPUT_UNREADABLE,
                    "the URL answered with a redirect, which is not followed: give the final URL",
                    "HTTP " + status + " from " + redacted(uri) + " to "
                            + response.headers().firstValue("Location").orElse("(no Location)"));
        }
        return InputResolver.Resolution.problem(InputErrorCodes.INPUT_UNREADABLE, UNREADABLE,
                "HTTP " + status + " from " + redacted(uri));
    }

    /** A URI fit for a log line: its query (often a signature or token) dropped. */
    public static String redacted(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme() + "://";
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return scheme + uri.getHost() + port + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String normalHost(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
