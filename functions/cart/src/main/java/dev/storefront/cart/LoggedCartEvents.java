package dev.storefront.cart;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cart events as one structured log line each, e.g.
 * {@code {"message":"cart event","event":"cart.line_added","cartId":"...","customerCart":"false","sku":"...","quantity":"2"}}.
 */
@Singleton
class LoggedCartEvents implements CartEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LoggedCartEvents.class);

    @Override
    public void publish(CartEvent event) {
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
