package dev.storefront.fulfilment;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * The envelope of every message fulfilment reads or writes (docs/events/envelope.schema.json):
 * {@code eventId}, {@code type}, {@code version}, {@code occurredAt}, {@code orderId}, {@code data}.
 */
@Serdeable
record Envelope(String eventId, String type, int version, String occurredAt, String orderId, Map<String, Object> data) {

    /** The version of every fulfilment message type today. */
    static final int VERSION = 1;

    String text(String field) {
        Object value = data == null ? null : data.get(field);
        return value == null ? null : value.toString();
    }
}
