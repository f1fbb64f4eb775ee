package dev.storefront.checkout;

import dev.storefront.domain.Caller;
import dev.storefront.domain.EventIds;
import dev.storefront.domain.Problem;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderId;
import dev.storefront.domain.order.OrderRefund;
import dev.storefront.orderstore.OrderRepository;
import dev.storefront.orderstore.Refunds;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * An admin's goodwill refund, with checkout's Idempotency-Key rules: the same key and body replay
 * the first answer (no second refund), another body with the key is {@code IDEMPOTENCY_KEY_REUSED},
 * a request still running with it is 409. The refund's id is derived from the key, so a retry after
 * a crash finds the refund it recorded and settles it rather than recording another. The refund is
 * held against the captured amount by a conditional write ({@link OrderRepository#addRefund}), so
 * however many admins refund at once, refunds never sum past what was captured; then it is made
 * through {@link Refunds}, the one refund policy (a refusal after its retries is FAILED, reported as
 * {@code refund.failed}, and answered as the refund it is).
 */
@Singleton
class AdminRefunds {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRefunds.class);

    private final OrderRepository orders;
    private final Refunds refunds;
    private final IdempotencyStore idempotency;
    private final JsonMapper json;
    private final Clock clock;

    AdminRefunds(OrderRepository orders, Refunds refunds, IdempotencyStore idempotency, JsonMapper json, Clock clock) {
        this.orders = orders;
        this.refunds = refunds;
        this.idempotency = idempotency;
        this.json = json;
        this.clock = clock;
    }

    Checkout.Answer refund(String orderId, Caller admin, String key, long amount, String reason, String fingerprint) {
        if (!OrderId.isValid(orderId)) {
            throw Problem.notFound("order " + Problem.quote(orderId));
        }
        String scopedKey = "admin:" + admin.subject() + "#" + key;
        IdempotencyStore.Claim claim = idempotency.claim(scopedKey, fingerprint);
        if (claim.isReplay()) {
            return new Checkout.Answer(claim.replay().status(), claim.replay().body(), true);
        }
        try {
            String refundId = EventIds.of(scopedKey).toString().replace("-", "");
            Order order = orders.find(orderId).orElseThrow(() -> Problem.notFound("order " + orderId));
            if (order.refundOf(refundId).isEmpty()) {
                OrderRefund refund = OrderRefund.goodwill(order, refundId, amount, reason, clock.instant());
                order = orders.addRefund(order, refund).orElseThrow(() -> OrderRefund.exceeds(orders.find(orderId).orElseThrow(), amount));
                LOG.info("Order {}: refund {} of {} by {} recorded", orderId, refundId, amount, admin.subject());
            }
            Order settled = refunds.settle(order, refundId);
            String body = write(OrderView.RefundView.of(settled, settled.refundOf(refundId).orElseThrow()));
            idempotency.complete(scopedKey, new IdempotencyStore.StoredResponse(201, body));
            return new Checkout.Answer(201, body, false);
        } catch (RuntimeException e) {
            // Refused (422, 404) or failed: nothing was refunded under the key, which the admin may send again.
            idempotency.release(scopedKey);
            throw e;
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
