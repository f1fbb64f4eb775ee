package dev.storefront.fulfilment;

import dev.storefront.domain.EventIds;
import dev.storefront.domain.order.Order;
import dev.storefront.eventcontract.Envelope;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells the partner that an update of theirs changed nothing: a {@code fulfilment.update_ignored}
 * on the requests queue, in the order's group, naming the update, why, and the order's status
 * (docs/PARTNERS.md). Its id is derived from the update's, so the answers to redeliveries of one
 * update are one message to the partner (FIFO deduplication, then the partner's own by eventId).
 */
@Requires(property = "storefront.queues.fulfilment.requests")
@Singleton
class IgnoredUpdates {

    static final String TYPE = "fulfilment.update_ignored";

    private static final Pattern ORDER_ID = Pattern.compile("[0-9a-f]{32}");
    private static final int MAX_DETAIL = 1000;

    private final FulfilmentRequests requests;
    private final JsonMapper json;
    private final Clock clock;

    IgnoredUpdates(FulfilmentRequests requests, JsonMapper json, Clock clock) {
        this.requests = requests;
        this.json = json;
        this.clock = clock;
    }

    /** A valid update that the order's status does not allow. */
    void notApplicable(Order order, Envelope update) {
        answer(update.orderId(), update.eventId(), update.eventId(), update.type(), "NOT_APPLICABLE",
                update.type() + " does not apply to an order that is " + order.status(), order.status().name());
    }

    /** A return's receipt that cannot apply: the return is unknown, already received, or asked for fewer units. */
    void returnNotApplicable(Order order, Envelope update, String why) {
        answer(update.orderId(), update.eventId(), update.eventId(), update.type(), "NOT_APPLICABLE", why, order.status().name());
    }

    void unknownOrder(Envelope update) {
        answer(update.orderId(), update.eventId(), update.eventId(), update.type(), "UNKNOWN_ORDER",
                "the storefront has no order " + update.orderId(), null);
    }

    /** A valid envelope that is not a partner update (e.g. a request sent back). */
    void notAnUpdate(Envelope update) {
        answer(update.orderId(), update.eventId(), update.eventId(), update.type(), "INVALID", update.type() + " is not a partner update", null);
    }

    /**
     * A body that fails its schema: answered when it still names an order (a 32-hex orderId), so
     * the partner learns what was wrong; a body that names none has nobody to answer.
     */
    void invalid(String messageId, String body, String problem) {
        Map<?, ?> fields;
        try {
            fields = body == null ? null : json.readValue(body, Map.class);
        } catch (IOException e) {
            fields = null;
        }
        if (fields == null || !(fields.get("orderId") instanceof String orderId) || !ORDER_ID.matcher(orderId).matches()) {
            return;
        }
        String eventId = fields.get("eventId") instanceof String id && !id.isBlank() && id.length() <= 100 ? id : null;
        String type = fields.get("type") instanceof String t && t.length() <= 100 ? t : null;
        answer(orderId, eventId != null ? eventId : messageId, eventId, type, "INVALID", problem, null);
    }

    /** {@code idSource}: the update's eventId, or the SQS message id of an update without one. */
    private void answer(String orderId, String idSource, String updateEventId, String updateType, String reason, String detail,
                        String status) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (updateEventId != null) {
            data.put("updateEventId", updateEventId);
        }
        if (updateType != null) {
            data.put("updateType", updateType);
        }
        data.put("reason", reason);
        data.put("detail", detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail);
        if (status != null) {
            data.put("status", status);
        }
        String eventId = EventIds.of(idSource + ":" + TYPE).toString();
        requests.send(new Envelope(eventId, TYPE, Envelope.VERSION, clock.instant().toString(), orderId, data));
    }
}
