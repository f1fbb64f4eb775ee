package dev.storefront.domain.order;

import dev.storefront.domain.EventIds;

/**
 * The messages the shop sends a fulfilment partner about an order, and their event ids: a function
 * of the order and the message type, so every send of one message (a redelivery, an operator's
 * resend) carries the same {@code eventId} and the partner keeps one.
 */
public final class PartnerMessages {

    public static final String REQUESTED = "fulfilment.requested";
    public static final String CANCEL_REQUESTED = "fulfilment.cancel_requested";

    private PartnerMessages() {
    }

    public static String eventId(String orderId, String type) {
        return EventIds.of(orderId + ":" + type).toString();
    }
}
