package dev.storefront.payments;

import dev.storefront.domain.order.PaymentGateway.Authorization;
import dev.storefront.domain.order.PaymentGateway.PaymentEvent;
import dev.storefront.domain.order.PaymentGateway.SignatureRefused;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's webhook events, in Stripe's shape: {@code {id, type, created, data: {object:
 * {id, object: "payment_intent", status, amount, currency, metadata: {orderId}, last_payment_error?}}}},
 * types {@code payment_intent.succeeded} and {@code payment_intent.payment_failed}. The sandbox
 * writes every field itself (ids of [A-Za-z0-9_]), so the reader below reads exactly that shape.
 */
final class SandboxEvents {

    static final String SUCCEEDED = "payment_intent.succeeded";
    static final String FAILED = "payment_intent.payment_failed";
    static final String AUTHENTICATION_FAILED = "authentication_failed";

    private static final Pattern EVENT = Pattern.compile(
            "\\{\"id\":\"(evt_\\w+)\",\"type\":\"([a-z_.]+)\",\"created\":\\d+,\"data\":\\{\"object\":\\{\"id\":\"(pi_\\w+)\","
                    + "\"object\":\"payment_intent\",\"status\":\"\\w+\",\"amount\":\\d+,\"currency\":\"[a-z]{3}\",\"metadata\":\\{\"orderId\":\"(\\w*)\"\\}"
                    + "(?:,\"last_payment_error\":\\{\"decline_code\":\"(\\w+)\"\\})?\\}\\}\\}");

    private SandboxEvents() {
    }

    static String write(String eventId, SandboxLedger.Payment payment, long created) {
        boolean succeeded = payment.state() == SandboxLedger.State.SUCCEEDED;
        return "{\"id\":\"" + eventId + "\",\"type\":\"" + (succeeded ? SUCCEEDED : FAILED) + "\",\"created\":" + created
                + ",\"data\":{\"object\":{\"id\":\"" + payment.paymentId() + "\",\"object\":\"payment_intent\",\"status\":\""
                + (succeeded ? "requires_capture" : "requires_payment_method") + "\",\"amount\":" + payment.amount().amount()
                + ",\"currency\":\"" + payment.amount().currency().toLowerCase(java.util.Locale.ROOT) + "\",\"metadata\":{\"orderId\":\""
                + payment.orderId() + "\"}" + (succeeded ? "" : ",\"last_payment_error\":{\"decline_code\":\"" + AUTHENTICATION_FAILED + "\"}")
                + "}}}";
    }

    /** A signed body that is not an event of this shape is refused like a bad signature: it is not the processor's. */
    static PaymentEvent read(String body) {
        Matcher m = EVENT.matcher(body.strip());
        if (!m.matches()) {
            throw new SignatureRefused("the body is not a payment event");
        }
        String paymentId = m.group(3);
        Authorization result = switch (m.group(2)) {
            case SUCCEEDED -> Authorization.authorized(paymentId);
            case FAILED -> Authorization.declined(paymentId, m.group(5) == null ? AUTHENTICATION_FAILED : m.group(5));
            default -> null;
        };
        return new PaymentEvent(m.group(1), m.group(2), paymentId, m.group(4).isEmpty() ? null : m.group(4), result);
    }
}
