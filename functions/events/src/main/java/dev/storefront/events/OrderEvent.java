package dev.storefront.events;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * The envelope every message on the order-events queue carries (docs/events/envelope.schema.json):
 * a deterministic {@code eventId}, the {@code type} ({@code order.placed}, ...), the schema
 * {@code version} of that type, when the change happened and to which order, and the type's
 * {@code data}.
 */
@Serdeable
record OrderEvent(String eventId, String type, int version, String occurredAt, String orderId, Map<String, Object> data) {

    /** The version of every order event type but one today; a breaking change to a type's data bumps it. */
    static final int VERSION = 1;

    /**
     * {@code order.placed} of an order priced with shipping and tax: version 1's fields unchanged
     * (a version 1 consumer keeps working), plus shipping, tax and per line discount share and tax.
     */
    static final int PLACED_WITH_PRICING = 2;
}
