package com.geopera.api.config;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The base URL of every link the api hands out (output hrefs, TileJSON tiles). It comes from configuration only:
 * a link built from the request's Host header would let any client make the api advertise a host of its choosing
 * (cache poisoning, links to a phishing host in a shared job view).
 */
@ApplicationScoped
public class PublicUrl {
    private static final String ANY_ADDRESS = "0.0.0.0";
    private static final String LOOPBACK = "127.0.0.1";

    @Inject
    ApiConfig config;

    private volatile String base;

    /** The base URL, ending with a slash. */
    public String base() {
        String known = base;
        if (known == null) {
            String configured = config.publicUrl().or(() -> config.jobs().publicUrl()).orElseGet(PublicUrl::listening);
            known = configured.endsWith("/") ? configured : configured + "/";
            base = known;
        }
        return known;
    }

    /**
     * Where this process listens, read when the first link is built: the HTTP server has started by then, so a random
     * port (0, in tests) has been replaced by the real one.
     */
    private static String listening() {
        var settings = ConfigProvider.getConfig();
        String host = settings.getOptionalValue("quarkus.http.host", String.class).orElse(LOOPBACK);
        String portKey = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        int port = settings.getOptionalValue(portKey, Integer.class).orElse(8080);
        return "http://" + (ANY_ADDRESS.equals(host) || "::".equals(host) ? LOOPBACK : host) + ":" + port;
    }
}
