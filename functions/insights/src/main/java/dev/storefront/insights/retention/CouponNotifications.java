package dev.storefront.insights.retention;

import dev.storefront.aws.EventMessages;
import dev.storefront.domain.EventIds;
import dev.storefront.domain.cart.Discount;
import dev.storefront.eventcontract.Envelope;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code customer.coupon_issued} on the notifications queue, for the email partner: the envelope
 * with the customer's id (no order id, no email: the partner maps the id to an address itself) and
 * {@code data: {code, percentOff, expiresAt, categories, products}}. The event id is derived from the
 * customer (a customer earns one retention coupon), so a resend is recognisably the same event.
 */
@Singleton
class CouponNotifications {

    static final String TYPE = "customer.coupon_issued";

    private final SqsClient sqs;
    private final String queueUrl;
    private final JsonMapper json;

    CouponNotifications(SqsClient sqs, InsightsQueues queues, JsonMapper json) {
        this.sqs = sqs;
        this.queueUrl = queues.notifications();
        this.json = json;
    }

    /** @param products the products related to the delivered ones (co-purchases), for the email to name; may be empty */
    void couponIssued(String customerId, Discount coupon, List<String> products, Instant issuedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("code", coupon.code());
        data.put("percentOff", coupon.percentOff());
        data.put("expiresAt", coupon.expiresAt().toString());
        data.put("categories", List.copyOf(coupon.restrictions().categories()));
        data.put("products", List.copyOf(products));
        String eventId = EventIds.of("customer:" + customerId + ":coupon_issued").toString();
        Envelope envelope = new Envelope(eventId, TYPE, Envelope.VERSION, issuedAt.toString(), null, null, customerId, null, data);
        try {
            EventMessages.send(sqs, queueUrl, json.writeValueAsString(envelope), TYPE, eventId, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
