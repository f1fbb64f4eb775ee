package dev.storefront.checkout;

import dev.storefront.analytics.FunnelEvents;
import dev.storefront.cartstore.CartStore;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.cart.Cart;
import dev.storefront.domain.cart.CartId;
import dev.storefront.domain.cart.PricedCart;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderId;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.PaymentGateway;
import dev.storefront.domain.order.ShippingAddress;
import dev.storefront.http.ProblemBody;
import dev.storefront.orderstore.OrderMove;
import dev.storefront.orderstore.OrderRepository;
import dev.storefront.orderstore.Reservation;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The checkout, in the order that never charges twice, never oversells and never loses an order:
 * price the cart on the server (lines, discount, shipping and tax for the address), claim the Idempotency-Key + reserve stock + create the order +
 * close the cart in one transaction, authorize the payment with a key derived from the order,
 * then place the order and store the answer in one more (or, on a decline, give everything back
 * through {@link Reservations}).
 * Five DynamoDB round trips for any number of lines (docs/CHECKOUT.md, "Cost of a checkout"). Each step can be retried or
 * resumed; whatever is left pending is expired by {@link ReservationSweeper}.
 */
@Singleton
class Checkout {

    private static final Logger LOG = LoggerFactory.getLogger(Checkout.class);

    private final CartStore carts;
    private final OrderRepository orders;
    private final Reservations reservations;
    private final IdempotencyStore idempotency;
    private final PaymentGateway payments;
    private final JsonMapper json;
    private final Clock clock;
    private final FunnelEvents funnel;
    private final PaymentAttempts attempts;

    Checkout(CartStore carts, OrderRepository orders, Reservations reservations, IdempotencyStore idempotency, PaymentGateway payments,
             JsonMapper json, Clock clock, FunnelEvents funnel, PaymentAttempts attempts) {
        this.carts = carts;
        this.orders = orders;
        this.reservations = reservations;
        this.idempotency = idempotency;
        this.payments = payments;
        this.json = json;
        this.clock = clock;
        this.funnel = funnel;
        this.attempts = attempts;
    }

    /** What a checkout request gets: a status and a JSON body, replayed verbatim for a repeated key. */
    record Answer(int status, String body, boolean replayed) {
    }

    /**
     * @param shippingMethodId the method the shopper named, null for none: then the cart's chosen
     *                         method if it serves the address's country and the order, else the
     *                         zone's default (bodies from before shipping existed name none)
     */
    record Request(String email, ShippingAddress shippingAddress, String paymentToken, String shippingMethodId, String fingerprint,
                   String sourceIp) {
    }

    Answer checkout(String cartId, Caller caller, String idempotencyKey, Request request) {
        Cart cart = readableCart(cartId, caller);
        String scopedKey = (caller.isAnonymous() ? "cart:" + cart.cartId() : "customer:" + caller.subject()) + "#" + idempotencyKey;
        if (cart.status() == dev.storefront.domain.cart.CartStatus.OPEN) {
            // The common case, a first attempt: the key is claimed inside the reservation transaction.
            Optional<Order> reserved;
            try {
                reserved = reserveClaiming(cart, caller, request, scopedKey);
            } catch (Problem e) {
                // A real attempt that failed before anything was written (stock, discount, a changed cart).
                funnel.checkoutStarted(caller, cart.cartId(), cart.lines().size());
                funnel.checkoutFailed(caller, cart.cartId(), e.code());
                throw e;
            }
            if (reserved.isPresent()) {
                // The funnel's attempt: it ends in order.placed (from the order events) or checkout.failed.
                funnel.checkoutStarted(caller, cart.cartId(), cart.lines().size());
                return finish(scopedKey, reserved.get(), request, caller, cart);
            }
        }
        // The key is taken (a replay, a reuse, a request in flight, a retry after a crash or an
        // outage), or the cart is closed: the claim decides.
        IdempotencyStore.Claim claim = idempotency.claim(scopedKey, request.fingerprint());
        if (claim.isReplay()) {
            return new Answer(claim.replay().status(), claim.replay().body(), true);
        }
        funnel.checkoutStarted(caller, cart.cartId(), cart.lines().size());
        Order order;
        try {
            order = claim.resumeOrderId() != null
                    ? orders.find(claim.resumeOrderId()).orElseThrow(() -> new IllegalStateException("claimed order vanished"))
                    : reserve(cart, caller, request, scopedKey);
        } catch (Problem e) {
            idempotency.release(scopedKey);
            funnel.checkoutFailed(caller, cart.cartId(), e.code());
            throw e;
        } catch (RuntimeException e) {
            throw released(scopedKey, e);
        }
        return finish(scopedKey, order, request, caller, cart);
    }

    /** Pays for a reserved order and stores the answer on the key (in the same write as PLACED when it can). */
    private Answer finish(String scopedKey, Order order, Request request, Caller caller, Cart cart) {
        try {
            Paid paid = pay(order, request.paymentToken(), scopedKey);
            if (!paid.stored()) {
                idempotency.complete(scopedKey, new IdempotencyStore.StoredResponse(paid.answer().status(), paid.answer().body()));
            }
            if (paid.answer().status() == ProblemCode.PAYMENT_DECLINED.status()) {
                attempts.declined(cart.cartId(), caller, request.sourceIp());
                funnel.checkoutFailed(caller, cart.cartId(), ProblemCode.PAYMENT_DECLINED);
            }
            return paid.answer();
        } catch (Problem | PaymentUnavailable e) {
            // Nothing final happened: the same key may be retried (and resumes the order, if any).
            idempotency.release(scopedKey);
            Problem problem = e instanceof PaymentUnavailable p ? p.problem : (Problem) e;
            funnel.checkoutFailed(caller, cart.cartId(), problem.code());
            throw problem;
        } catch (RuntimeException e) {
            throw released(scopedKey, e);
        }
    }

    /**
     * A failure the request did not expect (DynamoDB throttling or unreachable: a 503 to the client)
     * gives the key back at once, so the client's retry resumes the order now rather than after the
     * lease, which is for requests that die without running this. The release is itself best effort.
     */
    private RuntimeException released(String scopedKey, RuntimeException failure) {
        try {
            idempotency.release(scopedKey);
        } catch (RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
        return failure;
    }

    /** An answer, and whether it is already stored on the key. */
    private record Paid(Answer answer, boolean stored) {
    }

    private Cart readableCart(String cartId, Caller caller) {
        Instant now = clock.instant();
        if (!CartId.isValid(cartId)) {
            throw Problem.notFound("cart " + Problem.quote(cartId));
        }
        return carts.find(cartId).filter(c -> c.isReadableBy(caller, now))
                .orElseThrow(() -> Problem.notFound("cart " + cartId));
    }

    private Order reserve(Cart cart, Caller caller, Request request, String scopedKey) {
        PricedCart priced = priced(cart, request);
        // Before the cart's status: a concurrent checkout that used a single-use code also closed the cart.
        priced.discountRefusal().ifPresent(why -> {
            throw new Problem(ProblemCode.DISCOUNT_INVALID, why + "; remove the code from the cart to check out without it", "code");
        });
        if (cart.status() != dev.storefront.domain.cart.CartStatus.OPEN) {
            throw new Problem(ProblemCode.CART_CLOSED, "the cart was already checked out");
        }
        Instant now = clock.instant();
        Order placed = Order.place(OrderId.random(), priced, caller, request.email(), request.shippingAddress(), now);
        OrderRepository.Reserved reserved = orders.reserve(new Reservation(placed, carts.checkedOut(cart, placed.orderId()),
                carts.redemption(priced, placed.orderId()), null).fromShards(stockShards(priced)));
        Order order = reserved.order();
        double capacity = reserved.capacity();
        idempotency.attachOrder(scopedKey, order.orderId());
        MDC.put("orderId", order.orderId());
        LOG.info("Reserved stock for order {} ({} lines, {} WCU)", order.orderId(), order.lines().size(), capacity);
        return order;
    }

    /** How many shards each hot SKU's stock is split over, as the catalog offered it (unsharded SKUs: none). */
    private static Map<String, Integer> stockShards(PricedCart priced) {
        Map<String, Integer> shards = new HashMap<>();
        priced.lines().stream().filter(l -> l.stockShards() > 1).forEach(l -> shards.put(l.line().sku(), l.stockShards()));
        return shards;
    }

    /**
     * A first attempt's reservation: the same transaction as {@link #reserve} plus the key's claim,
     * with the order noted on it. Empty when the key is already taken (then nothing was written).
     */
    private Optional<Order> reserveClaiming(Cart cart, Caller caller, Request request, String scopedKey) {
        PricedCart priced = priced(cart, request);
        priced.discountRefusal().ifPresent(why -> {
            throw new Problem(ProblemCode.DISCOUNT_INVALID, why + "; remove the code from the cart to check out without it", "code");
        });
        Instant now = clock.instant();
        Order placed = Order.place(OrderId.random(), priced, caller, request.email(), request.shippingAddress(), now);
        try {
            OrderRepository.Reserved reserved = orders.reserve(new Reservation(placed, carts.checkedOut(cart, placed.orderId()),
                    carts.redemption(priced, placed.orderId()), idempotency.claimFor(scopedKey, request.fingerprint(), placed.orderId()),
                    attempts.guards(cart.cartId(), caller, request.sourceIp())).fromShards(stockShards(priced)));
            Order order = reserved.order();
            double capacity = reserved.capacity();
            MDC.put("orderId", order.orderId());
            LOG.info("Reserved stock for order {} ({} lines, {} WCU)", order.orderId(), order.lines().size(), capacity);
            return Optional.of(order);
        } catch (OrderRepository.ClaimRefused taken) {
            return Optional.empty();
        } catch (OrderRepository.GuardRefused blocked) {
            throw attempts.refusal(cart.cartId(), caller, request.sourceIp());
        }
    }

    /**
     * The cart priced on the server for the shipping address's country (never the cart's chosen
     * country when they differ): shipping and tax read in the catalog's round trip, 422
     * SHIPPING_UNAVAILABLE / SHIPPING_METHOD_INVALID when it cannot be shipped so.
     */
    private PricedCart priced(Cart cart, Request request) {
        return carts.priceFor(cart, request.shippingAddress().country(), request.shippingMethodId());
    }

    private Paid pay(Order order, String paymentToken, String scopedKey) {
        switch (order.status()) {
            case PENDING_PAYMENT -> {
            }
            case PAYMENT_FAILED -> {
                return new Paid(declined(order), false);
            }
            default -> {
                return new Paid(new Answer(201, write(OrderView.of(order)), false), false);
            }
        }
        PaymentGateway.Authorization authorization = payments.authorize("order:" + order.orderId() + ":authorize", order.orderId(), paymentToken,
                order.totalMoney());
        Instant now = clock.instant();
        return switch (authorization.outcome()) {
            case AUTHORIZED -> {
                OrderMove place = OrderMove.of(order.changeTo(OrderStatus.PLACED, now))
                        .withPayment(new Order.Payment(Order.PaymentStatus.AUTHORIZED, authorization.authorizationId(), null));
                // PLACED and the stored answer in one write: no moment where the order is placed but the key still in flight.
                String body = write(OrderView.of(place.applyTo(order)));
                if (orders.moveWith(order, place, idempotency.completion(scopedKey, new IdempotencyStore.StoredResponse(201, body)))) {
                    yield new Paid(new Answer(201, body, false), true);
                }
                // Someone moved the order first (or a concurrent transaction met it): answer with the order as it is.
                Order placed = orders.move(order, place)
                        .or(() -> orders.find(order.orderId()))
                        .orElseThrow();
                yield new Paid(new Answer(201, write(OrderView.of(placed)), false), false);
            }
            case DECLINED -> {
                reservations.giveBack(order, OrderMove.of(order.changeTo(OrderStatus.PAYMENT_FAILED, now))
                        .withPayment(new Order.Payment(Order.PaymentStatus.FAILED, null, authorization.declineCode())));
                yield new Paid(declined(orders.find(order.orderId()).orElse(order)), false);
            }
            case REQUIRES_ACTION -> awaitingBank(order, authorization, scopedKey);
            case FAILED -> throw new PaymentUnavailable(new Problem(ProblemCode.PAYMENT_UNAVAILABLE,
                    "the payment processor did not answer; retry with the same Idempotency-Key (order " + order.orderId() + " is held for you)"));
        };
    }

    /**
     * 3-D Secure: the order stays PENDING_PAYMENT, holding its stock, with the payment and where the
     * shopper confirms it, stored in one write with the 201 answer. The bank's answer comes by
     * webhook or {@code POST /orders/{id}/payment/confirm} ({@link PaymentConfirmation}); if one
     * came before this write, the order is no longer pending and is answered as it now is.
     */
    private Paid awaitingBank(Order order, PaymentGateway.Authorization authorization, String scopedKey) {
        Order.Payment payment = new Order.Payment(Order.PaymentStatus.REQUIRES_ACTION, authorization.authorizationId(), null,
                authorization.nextActionUrl());
        String body = write(OrderView.of(order.withPayment(payment)));
        if (orders.updatePayment(order, payment, idempotency.completion(scopedKey, new IdempotencyStore.StoredResponse(201, body)))) {
            LOG.info("Order {} waits for 3-D Secure on payment {}", order.orderId(), authorization.authorizationId());
            return new Paid(new Answer(201, body, false), true);
        }
        Order now = orders.find(order.orderId()).orElseThrow();
        return now.status() == OrderStatus.PAYMENT_FAILED ? new Paid(declined(now), false)
                : new Paid(new Answer(201, write(OrderView.of(now)), false), false);
    }

    private Answer declined(Order order) {
        String detail = "the card was declined (" + order.payment().declineCode() + "); your cart is open again, order "
                + order.orderId() + " was not placed";
        return new Answer(402, write(ProblemBody.of(ProblemCode.PAYMENT_DECLINED, detail)), false);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The processor's outage: not a final answer, so nothing is stored for the key. */
    private static final class PaymentUnavailable extends RuntimeException {
        private final Problem problem;

        PaymentUnavailable(Problem problem) {
            super(problem.detail(), null, false, false);
            this.problem = problem;
        }
    }
}
