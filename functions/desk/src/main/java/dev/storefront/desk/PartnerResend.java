package dev.storefront.desk;

import dev.storefront.aws.EventMessages;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.PartnerMessages;
import dev.storefront.domain.order.ShippingAddress;
import dev.storefront.eventcontract.Envelope;
import dev.storefront.eventcontract.FulfilmentRequest;
import dev.storefront.orderstore.OrderRepository;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The order's {@code fulfilment.requested} once more on the partner's queue, built by the one
 * {@link FulfilmentRequest} from the order's stored fields: the same eventId, time and data as
 * fulfilment sent, in the order's message group, so SQS (within 5 minutes) or the partner (by
 * {@code eventId}) keeps one.
 */
@Singleton
class PartnerResend {

    /** The partner's requests queue (STOREFRONT_QUEUES_FULFILMENT_REQUESTS in template.yaml). */
    @ConfigurationProperties("storefront.queues.fulfilment")
    record Queues(String requests) {
    }

    private final SqsClient sqs;
    private final JsonMapper json;
    private final OrderRepository orders;
    private final String queueUrl;

    PartnerResend(SqsClient sqs, JsonMapper json, OrderRepository orders, Queues queues) {
        this.sqs = sqs;
        this.json = json;
        this.orders = orders;
        this.queueUrl = queues.requests();
    }

    /** The eventId sent. */
    String resend(Order order) {
        Envelope request = FulfilmentRequest.of(PartnerMessages.eventId(order.orderId(), PartnerMessages.REQUESTED), order.orderId(),
                order.reached(OrderStatus.FULFILMENT_REQUESTED).orElseThrow().at(), placedFields(order));
        String body;
        try {
            body = json.writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EventMessages.send(sqs, queueUrl, body, request.type(), request.eventId(), order.orderId());
        orders.markSent(order.orderId(), request.eventId());
        return request.eventId();
    }

    /** The fields of the order's {@code order.placed} that the request is made of, from the stored order. */
    static Map<String, Object> placedFields(Order order) {
        Map<String, Object> placed = new LinkedHashMap<>();
        placed.put("lines", order.lines().stream().map(l -> Map.<String, Object>of("sku", l.sku(), "productId", l.productId(),
                "name", l.name(), "quantity", l.quantity())).toList());
        placed.put("shippingAddress", address(order.shippingAddress()));
        if (order.pricing() != null) {
            if (order.pricing().shipping() != null) {
                placed.put("shipping", Map.of("methodId", order.pricing().shipping().methodId(), "name", order.pricing().shipping().name(),
                        "carrier", order.pricing().shipping().carrier()));
            }
            placed.put("weightGrams", order.pricing().weightGrams());
        }
        placed.put("email", order.email());
        return placed;
    }

    private static Map<String, Object> address(ShippingAddress a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", a.name());
        out.put("line1", a.line1());
        if (a.line2() != null) {
            out.put("line2", a.line2());
        }
        out.put("city", a.city());
        if (a.region() != null) {
            out.put("region", a.region());
        }
        out.put("postalCode", a.postalCode());
        out.put("country", a.country());
        return out;
    }
}
