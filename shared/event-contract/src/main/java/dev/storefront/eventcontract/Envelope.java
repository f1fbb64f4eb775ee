package dev.storefront.eventcontract;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * The envelope of every message a consumer reads or writes (docs/events/envelope.schema.json):
 * {@code eventId}, {@code type}, {@code version}, {@code occurredAt}, {@code data}; order and
 * fulfilment events name their {@code orderId}, funnel events the shopper's {@code visitorId},
 * {@code customerId} (signed in) and {@code cartId} where they have one, the pseudonymous
 * {@code sourceId} of the address the request came from, and the {@code channel} and
 * {@code campaign} the storefront named for the request (already validated: never a raw header).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(String eventId, String type, int version, String occurredAt, String orderId,
                       String visitorId, String customerId, String cartId, Map<String, Object> data, String sourceId,
                       String channel, String campaign) {

    /** The version of every message type today. */
    public static final int VERSION = 1;

    /** A funnel event without attribution (not sent by a storefront request). */
    public Envelope(String eventId, String type, int version, String occurredAt, String orderId,
                    String visitorId, String customerId, String cartId, Map<String, Object> data, String sourceId) {
        this(eventId, type, version, occurredAt, orderId, visitorId, customerId, cartId, data, sourceId, null, null);
    }

    /** A funnel event of a request whose source is unknown (or not a request). */
    public Envelope(String eventId, String type, int version, String occurredAt, String orderId,
                    String visitorId, String customerId, String cartId, Map<String, Object> data) {
        this(eventId, type, version, occurredAt, orderId, visitorId, customerId, cartId, data, null, null, null);
    }

    /** An order or fulfilment event. */
    public Envelope(String eventId, String type, int version, String occurredAt, String orderId, Map<String, Object> data) {
        this(eventId, type, version, occurredAt, orderId, null, null, null, data, null, null, null);
    }

    public String text(String field) {
        Object value = data == null ? null : data.get(field);
        return value == null ? null : value.toString();
    }
}
