package dev.storefront.orderstore;

import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.PaymentAction;
import dev.storefront.domain.order.PaymentGateway;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * How an order's money follows its moves, for every move that owes the processor a call (a capture
 * on shipment; a void on rejection or cancellation; refunds next): the move records the call as owed
 * ({@code paymentAction}, see {@link OrderMove#settling}), then {@link #settle} makes it with a key
 * derived from the order and clears the debt. A failure leaves the debt on the order; whoever next
 * handles the order (a redelivered partner update, the {@code order.cancelled} event, retried by SQS
 * until done, or a repeated cancel) settles it with {@link #settleOwed}, with the same key, so the
 * money moves once however often the call is made.
 */
@Requires(beans = {OrderRepository.class, PaymentGateway.class})
@Singleton
public class PaymentSettlement {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentSettlement.class);

    private final OrderRepository orders;
    private final PaymentGateway payments;

    PaymentSettlement(OrderRepository orders, PaymentGateway payments) {
        this.orders = orders;
        this.payments = payments;
    }

    /** Makes the call {@code move} of {@code order} left owed, if any (call it once the move succeeded). */
    public void settle(Order order, OrderMove move) {
        if (move.paymentAction() != null) {
            settle(order, move.paymentAction());
        }
    }

    /** Makes the call a move of {@code order} left owed; an exception when the processor did not take it (the debt stays). */
    public void settle(Order order, PaymentAction action) {
        String authorization = order.payment().authorizationId();
        switch (action) {
            case CAPTURE -> payments.capture(action.keyFor(order.orderId()), authorization, order.totalMoney());
            case VOID -> payments.voidAuthorization(action.keyFor(order.orderId()), authorization);
        }
        orders.paymentActionDone(order.orderId(), action);
        LOG.info("Order {}: payment {} done", order.orderId(), action.stored());
    }

    /** Settles the call still owed on the order, if any; what was owed. */
    public Optional<PaymentAction> settleOwed(Order order) {
        PaymentAction owed = orders.marks(order.orderId()).paymentAction();
        if (owed == null) {
            return Optional.empty();
        }
        LOG.warn("Order {}: payment {} was owed and not confirmed; calling the processor again", order.orderId(), owed.stored());
        settle(order, owed);
        return Optional.of(owed);
    }
}
