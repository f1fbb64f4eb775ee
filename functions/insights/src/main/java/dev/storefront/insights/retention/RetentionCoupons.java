package dev.storefront.insights.retention;

import dev.storefront.catalogstore.CatalogReader;
import dev.storefront.catalogstore.CoPurchases;
import dev.storefront.customerstore.CustomerStore;
import dev.storefront.domain.cart.Discount;
import dev.storefront.domain.cart.RetentionCoupon;
import dev.storefront.discountstore.DiscountRepository;
import dev.storefront.eventcontract.Envelope;
import dev.storefront.insights.AnalyticsListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Retention coupons: when a customer's first order is delivered, they get a personal, single-use
 * 10% coupon for 30 days on products of the categories they bought and of the products most often
 * bought with those (co-purchases: "a cover for your new tablet"), and the email partner is told on
 * the notifications queue, with those related products named.
 *
 * <p>{@code order.delivered} names only the order, so {@code order.placed} leaves the order's facts
 * (customer, products) behind first; a delivery that arrives before them throws, and the queue
 * delivers it again later. Every step is idempotent: the first-delivery claim is one conditional
 * write that also fixes the coupon code, the coupon is created only if absent, and the
 * notification is marked sent on the profile (a crash between sending and marking resends the same
 * event id, which consumers drop).
 */
@Singleton
class RetentionCoupons implements AnalyticsListener {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionCoupons.class);

    private final CustomerStore customers;
    private final CatalogReader catalog;
    private final DiscountRepository discounts;
    private final CouponNotifications notifications;
    private final CoPurchases coPurchases;

    RetentionCoupons(CustomerStore customers, CatalogReader catalog, DiscountRepository discounts, CouponNotifications notifications,
                     CoPurchases coPurchases) {
        this.customers = customers;
        this.catalog = catalog;
        this.discounts = discounts;
        this.notifications = notifications;
        this.coPurchases = coPurchases;
    }

    /** How many products bought with the delivered ones the coupon names (and whose categories it adds). */
    static final int RELATED_PRODUCTS = 4;

    /** The order's facts were not kept yet: its order.placed has not been processed. */
    static final class FactsNotYetKnown extends IllegalStateException {
        FactsNotYetKnown(String orderId) {
            super("order.delivered for order " + orderId + " came before its order.placed; retrying later");
        }
    }

    @Override
    public void on(Envelope event) {
        switch (event.type()) {
            case "order.placed" -> customers.saveOrderFacts(event.orderId(), new CustomerStore.OrderFacts(event.text("customerId"), productIds(event)));
            case "order.delivered" -> delivered(event);
            default -> {
            }
        }
    }

    private void delivered(Envelope event) {
        CustomerStore.OrderFacts order = customers.orderFacts(event.orderId()).orElseThrow(() -> new FactsNotYetKnown(event.orderId()));
        if (order.isGuest()) {
            return;
        }
        CustomerStore.FirstDelivery claim = customers.claimFirstDelivery(order.customerId(), event.orderId(), RetentionCoupon.newCode());
        if (!claim.orderId().equals(event.orderId())) {
            return;  // not the customer's first delivered order: no coupon
        }
        Instant deliveredAt = Instant.parse(event.occurredAt());
        List<String> related = related(order.productIds());
        List<String> products = new java.util.ArrayList<>(order.productIds());
        products.addAll(related);
        Discount coupon = RetentionCoupon.issue(claim.couponCode(), order.customerId(), catalog.categoriesOf(products), deliveredAt);
        if (discounts.create(coupon)) {
            LOG.info("Retention coupon issued for order {}: {}% off until {} on {}", event.orderId(), coupon.percentOff(),
                    coupon.expiresAt(), coupon.restrictions().categories());
        }
        if (!claim.notified()) {
            Discount stored = discounts.find(claim.couponCode()).orElse(coupon);
            notifications.couponIssued(order.customerId(), stored, related, deliveredAt);
            customers.couponNotified(order.customerId());
        }
    }

    /** The products most often bought with these (co-purchases), most often first, then by id: "a cover for your new tablet". */
    private List<String> related(List<String> productIds) {
        return coPurchases.boughtWith(productIds).entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(RELATED_PRODUCTS).map(java.util.Map.Entry::getKey).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> productIds(Envelope event) {
        Object lines = event.data() == null ? null : event.data().get("lines");
        if (!(lines instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(line -> ((Map<String, Object>) line).get("productId"))
                .filter(Objects::nonNull).map(Object::toString).distinct().toList();
    }
}
