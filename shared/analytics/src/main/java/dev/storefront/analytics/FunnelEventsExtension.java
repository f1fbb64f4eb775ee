package dev.storefront.analytics;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Takes the funnel events' send off the shopper's wait: an internal Lambda extension, a thread of
 * this process registered with Lambda's Extensions API for INVOKE events. Lambda returns the
 * response as soon as the handler has posted it, but freezes the instance (and hands it the next
 * invocation) only once every extension has asked for its next event; this one asks only when the
 * request has ended ({@link #requestEnded(String)}, from {@link FunnelRequestFilter}) and the events it
 * recorded have been sent or have failed, at most {@code settle} later. Nothing sits in a frozen
 * instance, and the shopper does not wait for SQS: the instance does, as billed post-response time.
 *
 * <p>Active on Lambda only ({@code AWS_LAMBDA_RUNTIME_API}), in functions whose template sets
 * {@code STOREFRONT_ANALYTICS_DELIVERY=extension}: the HTTP functions, whose every request ends in
 * the filter (a scheduled function in the same jar must not register: no request of it would end).
 * Where registration fails, or elsewhere (the local runtime, tests), the filter waits, boundedly.
 */
@Context
@Requires(property = "storefront.analytics.delivery", value = "extension")
@Requires(property = "aws.lambda.runtime.api")
public class FunnelEventsExtension {

    static final String NAME = "storefront-funnel-events";
    private static final Logger LOG = LoggerFactory.getLogger(FunnelEventsExtension.class);
    /** Ends the extension has not yet waited for; more would mean requests it never saw (bounded, to be safe). */
    private static final int MAX_UNCLAIMED = 64;
    private static final long DEADLINE_MARGIN_MILLIS = 200;

    private final SqsFunnelEvents events;
    private final JsonMapper json;
    private final URI api;
    private final Duration settle;
    private final String id;
    /** Lambda request ids of requests that ended and that the extension has not waited for yet; guarded by itself. */
    private final Set<String> ended = new HashSet<>();
    private volatile boolean closed;

    FunnelEventsExtension(SqsFunnelEvents events, JsonMapper json, @Value("${aws.lambda.runtime.api}") String runtimeApi,
                          @Value("${storefront.analytics.settle.millis:2000}") long settleMillis) {
        this.events = events;
        this.json = json;
        this.api = URI.create("http://" + runtimeApi + "/2020-01-01/extension/");
        this.settle = Duration.ofMillis(settleMillis);
        // Registration must happen during init, before the runtime's first poll: hence here, in a @Context bean.
        this.id = register();
        if (id != null) {
            Thread thread = new Thread(this::run, NAME);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** True when registered: the request need not wait for its events. */
    public boolean active() {
        return id != null;
    }

    /**
     * The request of this Lambda invocation has its response: its events are all recorded. By id,
     * because requests also end outside invocations (the SnapStart priming request, before the snapshot).
     */
    public void requestEnded(String lambdaRequestId) {
        if (lambdaRequestId == null) {
            return;
        }
        synchronized (ended) {
            if (ended.size() >= MAX_UNCLAIMED) {
                ended.clear();
            }
            ended.add(lambdaRequestId);
            ended.notifyAll();
        }
    }

    private String register() {
        try {
            HttpURLConnection call = open("register", "POST");
            call.setRequestProperty("Lambda-Extension-Name", NAME);
            call.setRequestProperty("Content-Type", "application/json");
            call.setDoOutput(true);
            try (OutputStream out = call.getOutputStream()) {
                out.write("{\"events\":[\"INVOKE\"]}".getBytes(StandardCharsets.UTF_8));
            }
            int status = call.getResponseCode();
            String id = call.getHeaderField("Lambda-Extension-Identifier");
            drain(call);
            if (status != 200 || id == null) {
                LOG.warn("Extensions API refused {} ({}): requests wait for their funnel events", NAME, status);
                return null;
            }
            return id;
        } catch (IOException e) {
            LOG.warn("Extensions API unreachable ({}): requests wait for their funnel events", e.toString());
            return null;
        }
    }

    /**
     * Asks for the next event (the first ask ends this extension's init), then lets the instance go
     * only when that invocation's request has ended and its events have settled. It never stops
     * asking: a registered extension that stops would hold every later invocation.
     */
    private void run() {
        int failures = 0;
        while (!closed) {
            Map<String, Object> invoke;
            try {
                invoke = nextEvent();
                failures = 0;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                if (failures++ % 50 == 0) {
                    LOG.warn("Extensions API next event failed ({} in a row: {}); asking again", failures, e.toString());
                }
                pause(Math.min(1_000, 100L * failures));
                continue;
            }
            if (invoke.get("requestId") instanceof String requestId) {
                awaitRequestEnd(requestId, invoke.get("deadlineMs") instanceof Number deadline
                        ? deadline.longValue() : System.currentTimeMillis() + 3_000);
            }
            events.awaitSent(settle);
        }
    }

    /** The function is shutting down (its context closes): nothing more to hold. */
    @PreDestroy
    void close() {
        closed = true;
    }

    /** Blocks until Lambda hands out the next invocation; the INVOKE event. */
    private Map<String, Object> nextEvent() throws IOException {
        HttpURLConnection call = open("event/next", "GET");
        call.setRequestProperty("Lambda-Extension-Identifier", id);
        int status = call.getResponseCode();
        String body = drain(call);
        if (status != 200) {
            throw new IOException("status " + status + ": " + body);
        }
        return json.readValue(body, Argument.mapOf(String.class, Object.class));
    }

    /**
     * Waits until the invocation's request has ended (it may have ended already: the runtime and
     * this thread get the invocation side by side). A request that never reaches the filter (an
     * event the HTTP layer cannot read) is given up just before the invocation's deadline: the
     * extension's time counts against the function's timeout.
     */
    private void awaitRequestEnd(String requestId, long deadlineMs) {
        synchronized (ended) {
            while (!ended.remove(requestId)) {
                long left = deadlineMs - DEADLINE_MARGIN_MILLIS - System.currentTimeMillis();
                if (left <= 0) {
                    LOG.warn("Invocation {} did not end through the funnel filter by its deadline", requestId);
                    return;
                }
                try {
                    ended.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private HttpURLConnection open(String path, String method) throws IOException {
        HttpURLConnection call = (HttpURLConnection) api.resolve(path).toURL().openConnection();
        call.setRequestMethod(method);
        call.setConnectTimeout(1_000);
        call.setReadTimeout(0);  // next blocks while the instance is idle or frozen
        return call;
    }

    private static String drain(HttpURLConnection call) throws IOException {
        InputStream in = call.getResponseCode() >= 400 ? call.getErrorStream() : call.getInputStream();
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
