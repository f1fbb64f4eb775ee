package dev.storefront.analytics;

import dev.storefront.domain.Caller;
import dev.storefront.domain.ProblemCode;
import dev.storefront.eventcontract.Envelope;
import io.micronaut.context.BeanProvider;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Funnel events as envelopes (docs/events) on the analytics-events queue
 * ({@code STOREFRONT_QUEUES_ANALYTICS_EVENTS}): built on the request's thread (id, time, who),
 * written and sent by {@link EventSender}'s thread. Without a queue URL events are dropped with one
 * debug line, so a function runs without analytics. Each event gets a random (version 4) eventId:
 * a funnel event is not derived from stored state, and consumers drop the rare duplicate by it.
 */
@Singleton
public class SqsFunnelEvents implements FunnelEvents {

    /** How many recorded events may wait for the sender before new ones are dropped. */
    static final int BUFFER = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(SqsFunnelEvents.class);

    private final Clock clock;
    private final EventSender sender;
    private final AtomicLong unconfigured = new AtomicLong();
    private final AtomicLong waitsExpired = new AtomicLong();

    @Inject
    SqsFunnelEvents(BeanProvider<SqsClient> sqs, JsonMapper json, Clock clock, AnalyticsQueue queue) {
        this(sqs::get, json, clock, queue.events(), BUFFER);
    }

    SqsFunnelEvents(Supplier<SqsClient> sqs, JsonMapper json, Clock clock, String queueUrl, int buffer) {
        this.clock = clock;
        this.sender = queueUrl == null || queueUrl.isBlank() ? null : new EventSender(sqs, json, queueUrl, buffer);
    }

    @Override
    public void productViewed(Caller shopper, String productId) {
        record("product.viewed", shopper, null, data("productId", productId));
    }

    @Override
    public void searchPerformed(Caller shopper, String query, int results) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (query != null) {
            data.put("query", query);
        }
        data.put("results", results);
        record("search.performed", shopper, null, data);
    }

    @Override
    public void cartCreated(Caller shopper, String cartId) {
        record("cart.created", shopper, cartId, Map.of());
    }

    @Override
    public void cartLineAdded(Caller shopper, String cartId, String sku, String productId, int quantity) {
        record("cart.line_added", shopper, cartId, data("sku", sku, "productId", productId, "quantity", quantity));
    }

    @Override
    public void cartLineRemoved(Caller shopper, String cartId, String sku, int quantity) {
        record("cart.line_removed", shopper, cartId, data("sku", sku, "quantity", quantity));
    }

    @Override
    public void checkoutStarted(Caller shopper, String cartId, int lines) {
        record("checkout.started", shopper, cartId, data("lines", lines));
    }

    @Override
    public void checkoutFailed(Caller shopper, String cartId, ProblemCode reason) {
        record("checkout.failed", shopper, cartId, data("reason", reason.name()));
    }

    /**
     * Waits at most {@code max} until every event recorded so far has been sent (or has failed):
     * called as a request ends, so a Lambda instance is not frozen with events in flight.
     * True when nothing was left in flight.
     */
    public boolean awaitSent(Duration max) {
        if (sender == null || sender.awaitSettled(max)) {
            return true;
        }
        waitsExpired.incrementAndGet();
        return false;
    }

    /** What became of the events recorded since this function instance started. */
    public FunnelCounts counts() {
        return sender == null
                ? new FunnelCounts(0, 0, 0, 0, unconfigured.get(), waitsExpired.get())
                : new FunnelCounts(sender.accepted(), sender.sent(), sender.failed(), sender.dropped(), unconfigured.get(), waitsExpired.get());
    }

    @PreDestroy
    void close() {
        if (sender != null) {
            sender.stop(Duration.ofSeconds(1));
        }
    }

    private void record(String type, Caller shopper, String cartId, Map<String, Object> data) {
        try {
            if (sender == null) {
                if (unconfigured.getAndIncrement() == 0) {
                    LOG.debug("No analytics-events queue configured (STOREFRONT_QUEUES_ANALYTICS_EVENTS): funnel events are not sent");
                }
                return;
            }
            String customerId = shopper == null ? null : shopper.subject();
            sender.offer(new Envelope(UUID.randomUUID().toString(), type, Envelope.VERSION,
                    DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)),
                    null, CurrentVisitor.get(), customerId, cartId, data, CurrentVisitor.source(),
                    CurrentVisitor.channel(), CurrentVisitor.campaign()));
        } catch (RuntimeException e) {
            // Analytics must never fail a shopper's request; the sender counts what it could not send.
            LOG.warn("Funnel event {} not recorded: {}", type, e.toString());
        }
    }

    private static Map<String, Object> data(Object... namesAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            data.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return data;
    }
}
