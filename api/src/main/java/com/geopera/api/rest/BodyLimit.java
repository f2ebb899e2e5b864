package com.geopera.api.rest;

import com.geopera.api.ApiProblem;
import com.geopera.api.config.ApiConfig;
import com.geopera.common.error.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>
 * What a slow or idle client may hold is bounded: the buffer grows only as bytes arrive (never sized from the
 * declared Content-Length, which costs a client nothing to send), a body not complete within
 * {@code geopera.jobs.body-read-timeout} gets 408 {@code request_timeout} and a close, and all bodies being read
 * together may hold at most {@code geopera.jobs.max-buffered-body-bytes} (503 {@code service_unavailable} above).
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

    @Inject
    MeterRegistry metrics;

    /** Bytes of request bodies buffered right now, across connections (event loops share it). */
    private final AtomicLong buffered = new AtomicLong();
    /** Requests whose body is being read right now (slow or idle senders show up here). */
    private final AtomicInteger reading = new AtomicInteger();

    void install(@Observes Router router) {
        long limit = limitBytes();
        metrics.gauge("geopera.http.body.buffered.bytes", buffered);
        metrics.gauge("geopera.http.bodies.reading", reading);
        router.route().order(ROUTE_ORDER).handler(context -> check(context, limit));
    }

    /** Bytes of request bodies held in memory right now (what {@code geopera.jobs.max-buffered-body-bytes} bounds). */
    public long bufferedBytes() {
        return buffered.get();
    }

    /** Requests whose body is being read right now. */
    public int bodiesReading() {
        return reading.get();
    }

    /** The largest body any route accepts. */
    long limitBytes() {
        long limit = config.jobs().maxBodyBytes();
        return httpLimit.map(size -> Math.min(limit, size.asLongValue())).orElse(limit);
    }

    private void check(RoutingContext context, long limit) {
        HttpServerRequest request = context.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared = length == null ? -1 : parseLength(length);
        if (declared > limit) {
            new Refusal(context, false, false).send(ApiProblem.of(ErrorCode.PAYLOAD_TOO_LARGE,
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
        readBounded(context, limit);
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
    private void readBounded(RoutingContext context, long limit) {
        HttpServerRequest request = context.request();
        // Grows as bytes arrive: a declared length is only a claim, and sizing from it let 900 header-only
        // connections declaring 1 MB each exhaust the heap before a byte of body was sent.
        Buffer body = Buffer.buffer();
        long budget = config.jobs().maxBufferedBodyBytes();
        long[] held = {0};
        boolean[] done = {false};
        reading.incrementAndGet();
        Runnable release = () -> {
            buffered.addAndGet(-held[0]);
            held[0] = 0;
        };
        // Counted from the headers until the body is complete, refused or abandoned.
        Runnable finished = () -> {
            if (!done[0]) {
                done[0] = true;
                reading.decrementAndGet();
            }
        };
        long[] timerId = {-1};
        // The body stays referenced until the answer is written (or the connection drops), so it counts until then.
        context.addEndHandler(end -> {
            finished.run();
            context.vertx().cancelTimer(timerId[0]);
            release.run();
        });
        long timer = context.vertx().setTimer(config.jobs().bodyReadTimeout().toMillis(), id -> {
            if (!done[0]) {
                finished.run();
                release.run();
                new Refusal(context, true, true).send(ApiProblem.of(ErrorCode.REQUEST_TIMEOUT, "the body did not arrive "
                        + "within " + config.jobs().bodyReadTimeout().toSeconds() + " s of the request headers"));
            }
        });
        timerId[0] = timer;
        request.handler(chunk -> {
            if (done[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                finished.run();
                context.vertx().cancelTimer(timer);
                release.run();
                new Refusal(context, true, false).send(ApiProblem.of(ErrorCode.PAYLOAD_TOO_LARGE,
                        "the body is longer than " + limit + " bytes, the most that is accepted"));
                return;
            }
            if (buffered.addAndGet(chunk.length()) > budget) {
                buffered.addAndGet(-chunk.length());
                finished.run();
                context.vertx().cancelTimer(timer);
                release.run();
                context.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
                new Refusal(context, true, true).send(ApiProblem.of(ErrorCode.SERVICE_UNAVAILABLE,
                        "the server is receiving too many request bodies at once; try again shortly"));
                return;
            }
            held[0] += chunk.length();
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (!done[0]) {
                finished.run();
                context.vertx().cancelTimer(timer);
                context.setBody(body);
                context.next();
            }
        });
        request.exceptionHandler(failure -> { // the client went away: nothing to answer
            finished.run();
            context.vertx().cancelTimer(timer);
            release.run();
        });
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            request.response().writeContinue();
            // Answered here; the REST layer must not send a second 100 Continue after the body.
            request.headers().remove(HttpHeaders.EXPECT);
        }
        request.resume();
    }

    /** Sends the refusal and then closes the connection without keeping any more of the body. */
    private static final class Refusal {
        private final RoutingContext context;
        private final boolean bodyStarted;
        /** Close as soon as the answer is written, whatever the client still sends (it was too slow, or we are full). */
        private final boolean closeWhenAnswered;
        private long discarded;
        private boolean answered;
        private boolean closed;

        Refusal(RoutingContext context, boolean bodyStarted, boolean closeWhenAnswered) {
            this.context = context;
            this.bodyStarted = bodyStarted;
            this.closeWhenAnswered = closeWhenAnswered;
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
                    if (clientWaits || closeWhenAnswered || request.isEnded()) {
                        close();
                    }
                });
                request.resume();
            }
            response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, ProblemResponses.MEDIA_TYPE)
                    .end(Buffer.buffer(ProblemResponses.bytes(problem)));
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
