package com.geopera.api.rest;

import com.geopera.api.ApiProblem;
import com.geopera.api.config.ApiConfig;
import com.geopera.common.error.ErrorCode;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies over the limit with 413 {@code payload_too_large} problem+json before anything buffers
 * them, on every route. The limit is {@code geopera.jobs.max-body-bytes}, or {@code quarkus.http.limits.max-body-size}
 * if that is smaller, so Quarkus' own bare 413 (which runs after this route) is never reached.
 * <ul>
 * <li>With {@code Content-Length} above the limit the answer is sent at once (no {@code 100 Continue} is sent for
 * {@code Expect: 100-continue}, so such a client never sends the body).</li>
 * <li>Otherwise (HTTP/1.x with a smaller Content-Length, or chunked) the body is read here on the event loop, at most
 * {@code limit} bytes kept; the first byte over the limit answers 413. A body within the limit is handed on as the
 * request body, so the REST layer reads it from memory (no worker thread waits on the network for it).</li>
 * </ul>
 * After a refusal the connection is closed once the answer is written and the client stopped sending or
 * {@link #DISCARD_BYTES} more were read and dropped (so a client that sends the whole body still gets to read the
 * answer, and nobody can keep the connection busy for long).
 */
@ApplicationScoped
public class BodyLimit {
    /** Before Quarkus' own upload limit route, which answers a bare 413. */
    static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    /** Bytes of a refused body read and dropped before the connection is closed anyway. */
    static final long DISCARD_BYTES = 4L * 1024 * 1024;

    @Inject
    ApiConfig config;
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> httpLimit;

    void install(@Observes Router router) {
        long limit = limitBytes();
        router.route().order(ROUTE_ORDER).handler(context -> check(context, limit));
    }

    /** The largest body any route accepts. */
    long limitBytes() {
        long limit = config.jobs().maxBodyBytes();
        return httpLimit.map(size -> Math.min(limit, size.asLongValue())).orElse(limit);
    }

    private static void check(RoutingContext context, long limit) {
        HttpServerRequest request = context.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared = length == null ? -1 : parseLength(length);
        if (declared > limit) {
            new Refusal(context, false).send(ApiProblem.of(ErrorCode.PAYLOAD_TOO_LARGE,
                    "the body has " + declared + " bytes; at most " + limit + " are accepted"));
            return;
        }
        boolean http1 = request.version() == HttpVersion.HTTP_1_0 || request.version() == HttpVersion.HTTP_1_1;
        boolean noBody = length != null ? declared == 0
                : http1 && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED, true);
        if (noBody || !http1) {
            // HTTP/2: the REST layer pauses the request when it starts, which Vert.x refuses once an HTTP/2 request
            // has been read to its end, so the body is left to it (the app's own check answers the same 413 up to
            // quarkus.http.limits.max-body-size; a declared length over the limit was refused above).
            context.next();
            return;
        }
        readBounded(context, limit, declared);
    }

    /** The declared length; the HTTP codec already refused malformed values, anything odd counts as unknown. */
    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Reads the body on the event loop, keeping at most {@code limit} bytes, and hands it on as the request body: the
     * REST layer then reads it from memory instead of blocking a worker thread on the event loop for it.
     */
    private static void readBounded(RoutingContext context, long limit, long declared) {
        HttpServerRequest request = context.request();
        Buffer body = declared > 0 ? Buffer.buffer((int) declared) : Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                new Refusal(context, true).send(ApiProblem.of(ErrorCode.PAYLOAD_TOO_LARGE,
                        "the body is longer than " + limit + " bytes, the most that is accepted"));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                context.setBody(body);
                context.next();
            }
        });
        request.exceptionHandler(failure -> refused[0] = true); // the client went away: nothing to answer
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            request.response().writeContinue();
            // Answered here; the REST layer must not send a second 100 Continue after the body.
            request.headers().remove(HttpHeaders.EXPECT);
        }
        request.resume();
    }

    /** Sends the 413 and then closes the connection without keeping any more of the body. */
    private static final class Refusal {
        private final RoutingContext context;
        private final boolean bodyStarted;
        private long discarded;
        private boolean answered;
        private boolean closed;

        Refusal(RoutingContext context, boolean bodyStarted) {
            this.context = context;
            this.bodyStarted = bodyStarted;
        }

        void send(ApiProblem problem) {
            HttpServerRequest request = context.request();
            HttpServerResponse response = context.response();
            boolean http1 = request.version() == HttpVersion.HTTP_1_0 || request.version() == HttpVersion.HTTP_1_1;
            // A client that sent Expect: 100-continue and a length never got the go-ahead: it sends nothing more.
            boolean clientWaits = !bodyStarted && request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true);
            if (http1) {
                response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
                request.handler(chunk -> {
                    discarded += chunk.length();
                    if (discarded > DISCARD_BYTES) {
                        close();
                    }
                });
                request.endHandler(end -> closeIfAnswered());
                response.endHandler(end -> {
                    answered = true;
                    if (clientWaits || request.isEnded()) {
                        close();
                    }
                });
                request.resume();
            }
            response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                    .end(Buffer.buffer(Problems.bytes(problem)));
        }

        private void closeIfAnswered() {
            if (answered) {
                close();
            }
        }

        private void close() {
            if (!closed) {
                closed = true;
                context.request().connection().close();
            }
        }
    }
}
