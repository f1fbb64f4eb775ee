package dev.storefront.cart;

import dev.storefront.analytics.FunnelEvents;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cart events as one structured log line each, e.g.
 * {@code {"message":"cart event","event":"cart.line_added","cartId":"...","customerCart":"false","sku":"...","quantity":"2"}},
 * and the funnel's own (cart created, line added, line removed) as funnel events on the
 * analytics-events queue. Neither can fail the shopper's request.
 */
@Singleton
class PublishedCartEvents implements CartEvents {

    private static final Logger LOG = LoggerFactory.getLogger(PublishedCartEvents.class);

    private final FunnelEvents funnel;

    PublishedCartEvents(FunnelEvents funnel) {
        this.funnel = funnel;
    }

    @Override
    public void publish(CartEvent event) {
        log(event);
        switch (event.type()) {
            case CART_CREATED -> funnel.cartCreated(event.shopper(), event.cartId());
            case LINE_ADDED -> funnel.cartLineAdded(event.shopper(), event.cartId(), event.sku(), event.productId(), event.quantity());
            case LINE_REMOVED -> funnel.cartLineRemoved(event.shopper(), event.cartId(), event.sku(), event.quantity());
            case CART_VIEWED, CART_MERGED -> {
                // Logged only: the funnel counts carts and lines, not looks at a cart.
            }
        }
    }

    private static void log(CartEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", event.type().wireName());
        fields.put("cartId", event.cartId());
        fields.put("customerCart", Boolean.toString(event.customer()));
        if (event.sku() != null) {
            fields.put("sku", event.sku());
            fields.put("quantity", Integer.toString(event.quantity()));
        }
        Map<String, String> before = MDC.getCopyOfContextMap();
        try {
            fields.forEach(MDC::put);
            LOG.info("cart event");
        } catch (RuntimeException e) {
            LOG.warn("cart event not recorded: {}", e.toString());
        } finally {
            if (before == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(before);
            }
        }
    }
}
