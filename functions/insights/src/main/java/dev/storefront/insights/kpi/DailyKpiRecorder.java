package dev.storefront.insights.kpi;

import dev.storefront.domain.insights.NetRevenue;
import dev.storefront.eventcontract.Envelope;
import dev.storefront.insights.AnalyticsListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Records each analytics event's effect on its UTC day's counters, exactly once per eventId
 * (docs/INSIGHTS.md says which event feeds which metric). The arithmetic on the counters is
 * shared/domain's (DailyKpis); this class only decides what an event adds.
 */
@Singleton
class DailyKpiRecorder implements AnalyticsListener {

    /** Retention coupons are issued with this prefix (engineer C's RetentionCoupons); an order using one is a retention conversion. */
    static final String RETENTION_COUPON_PREFIX = "BACK-";

    private static final Logger LOG = LoggerFactory.getLogger(DailyKpiRecorder.class);

    private final KpiTable table;
    private final AttributionStore attribution;

    DailyKpiRecorder(KpiTable table, AttributionStore attribution) {
        this.table = table;
        this.attribution = attribution;
    }

    @Override
    public void on(Envelope event) {
        if (event.orderId() == null) {
            attribution.noteFunnelEvent(event);
        }
        DayEffect effect = effectOf(event);
        if (!effect.isEmpty()) {
            table.record(effect);
        }
    }

    DayEffect effectOf(Envelope event) {
        DayEffect effect = new DayEffect(event.eventId(), Instant.parse(event.occurredAt()));
        effect.visitorId = event.visitorId();
        effect.sourceId = event.sourceId();
        // Funnel events count for their own request's channel and campaign, order events for the order's (AttributionStore).
        effect.touch = event.orderId() == null ? AttributionStore.touchOf(event) : null;
        switch (event.type()) {
            case "product.viewed" -> effect.add(DayEffect.PRODUCT_VIEWS, 1);
            case "cart.created" -> effect.add(DayEffect.CARTS_CREATED, 1);
            case "cart.line_added" -> effect.add(DayEffect.CART_LINES_ADDED, 1);
            case "cart.line_removed" -> effect.add(DayEffect.CART_LINES_REMOVED, 1);
            case "checkout.started" -> effect.add(DayEffect.CHECKOUTS_STARTED, 1);
            case "checkout.failed" -> {
                effect.add(DayEffect.CHECKOUTS_FAILED, 1);
                if ("TOO_MANY_ATTEMPTS".equals(event.text("reason"))) {
                    effect.add(DayEffect.PAYMENT_ATTEMPTS_BLOCKED, 1);
                }
            }
            case "search.performed" -> {
                effect.add(DayEffect.SEARCHES, 1);
                if (event.data().get("results") instanceof Number results && results.longValue() == 0) {
                    effect.add(DayEffect.SEARCHES_WITHOUT_RESULTS, 1);
                }
            }
            case "order.placed" -> placed(event, effect);
            case "order.payment_failed" -> {
                effect.add(DayEffect.PAYMENTS_FAILED, 1);
                effect.touch = attribution.ofCart(event.text("cartId")).last();
            }
            case "order.fulfilment_requested" -> {
                effect.add(DayEffect.FULFILMENTS_REQUESTED, 1);
                effect.touch = attribution.ofOrder(event.orderId());
            }
            case "order.rejected" -> {
                effect.add(DayEffect.ORDERS_REJECTED, 1);
                effect.touch = attribution.ofOrder(event.orderId());
            }
            case "order.shipped" -> {
                shipped(event, effect);
                effect.touch = attribution.ofOrder(event.orderId());
            }
            case "return.requested" -> {
                effect.add(DayEffect.RETURNS_REQUESTED, 1);
                effect.touch = attribution.ofOrder(event.orderId());
            }
            case "refund.succeeded" -> {
                refunded(event, effect);
                effect.touch = attribution.ofOrder(event.orderId());
            }
            default -> { } // other order events and customer.coupon_issued feed no daily KPI
        }
        return effect;
    }

    private void placed(Envelope event, DayEffect effect) {
        Map<?, ?> total = (Map<?, ?>) event.data().get("total");
        String currency = String.valueOf(total.get("currency"));
        long amount = ((Number) total.get("amount")).longValue();
        String customerId = Optional.ofNullable(event.text("customerId")).orElse(event.customerId());
        String discountCode = event.text("discountCode");
        effect.add(DayEffect.ORDERS_PLACED, 1)
                .add(DayEffect.REVENUE_PREFIX + currency, amount)
                .add(DayEffect.NET_REVENUE_PREFIX + currency, netRevenue(event, amount))
                .add(DayEffect.ORDERS_PREFIX + currency, 1);
        if (discountCode != null && discountCode.startsWith(RETENTION_COUPON_PREFIX)) {
            effect.add(DayEffect.RETENTION_CONVERSIONS, 1);
        }
        AttributionStore.Touches touches = attribution.ofCart(event.text("cartId"));
        effect.touch = touches.last();
        effect.firstTouch = touches.first();
        effect.orderingCustomer = customerId;
        effect.placedOrder = new DayEffect.OrderFacts(event.orderId(), Instant.parse(event.occurredAt()), currency, amount,
                customerId, discountCode);
    }

    /** The order's total less tax and shipping; a version 1 order.placed (no tax, no shipping) nets its total. */
    private static long netRevenue(Envelope event, long total) {
        if (!(event.data().get("tax") instanceof Map<?, ?> tax)) {
            return total;
        }
        long shipping = 0;
        long shippingTax = 0;
        if (event.data().get("shipping") instanceof Map<?, ?> charged) {
            shipping = amountOf(charged.get("amount"));
            shippingTax = amountOf(charged.get("tax"));
        }
        return NetRevenue.of(total, amountOf(tax.get("amount")), Boolean.TRUE.equals(tax.get("included")), shipping, shippingTax);
    }

    /** A refund made: its amount, and its amount net of its tax (what netRevenueAfterRefunds takes off). */
    private static void refunded(Envelope event, DayEffect effect) {
        Map<?, ?> amount = (Map<?, ?>) event.data().get("amount");
        String currency = String.valueOf(amount.get("currency"));
        long refunded = amountOf(amount);
        effect.add(DayEffect.REFUNDS_PREFIX + currency, refunded)
                .add(DayEffect.REFUNDS_NET_PREFIX + currency, refunded - amountOf(event.data().get("tax")));
    }

    private static long amountOf(Object money) {
        return money instanceof Map<?, ?> m && m.get("amount") instanceof Number n ? n.longValue() : 0;
    }

    private void shipped(Envelope event, DayEffect effect) {
        effect.add(DayEffect.ORDERS_SHIPPED, 1);
        Optional<Instant> placedAt = table.placedAt(event.orderId());
        if (placedAt.isEmpty()) {
            // Placed before insights ran (or its order.placed is still on the way): shipped counts, its duration cannot.
            LOG.warn("order.shipped without a recorded order.placed: no placed-to-shipped duration for this order");
            return;
        }
        long minutes = Math.max(0, Duration.between(placedAt.get(), Instant.parse(event.occurredAt())).toMinutes());
        effect.add(DayEffect.SHIPPED_AFTER_PREFIX + minutes, 1);
    }
}
