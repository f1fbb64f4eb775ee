package dev.storefront.desk;

import dev.storefront.catalogstore.InventoryRepository;
import dev.storefront.catalogstore.ProductRepository;
import dev.storefront.domain.catalog.Product;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.PaymentGateway;
import dev.storefront.domain.order.Reconciliation;
import dev.storefront.domain.order.OrderSummary;
import dev.storefront.orderstore.OrderRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One reconciliation run: orders stuck in a status, orders whose payment disagrees with their
 * shipment, payments the processor holds that no order should, stock items that disagree with their
 * ledger. Reads through indexes and keys only. Only the ReconcilerFunction is given the processor
 * (STOREFRONT_TABLES_PAYMENTS): the desk's HTTP function, from the same jar, has no reconciler.
 */
@Singleton
@Requires(beans = PaymentGateway.class)
class Reconciler {

    /** Statuses an order may be stuck in (the others have no time limit). */
    static final List<OrderStatus> TIMED = List.of(OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED, OrderStatus.SHIPPED);
    /** Statuses where money and goods must agree: past payment, before or after shipment. */
    static final Set<OrderStatus> SETTLED = Set.of(OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED, OrderStatus.ACCEPTED,
            OrderStatus.REJECTED, OrderStatus.CANCELLED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    /** Orders created this long ago at most are judged on payment: older ones were judged by earlier runs. */
    static final Duration PAYMENT_WINDOW = Duration.ofDays(60);
    /** At most this many orders per status per run, so one run stays well inside its Lambda timeout. */
    static final int PER_STATUS = 2_000;
    static final int PRODUCT_PAGE = 100;
    /** Held payments are listed this far back: a card authorization lapses at the processor after about 7 days. */
    static final Duration HELD_WINDOW = Duration.ofDays(7);

    private final OrderRepository orders;
    private final ProductRepository products;
    private final InventoryRepository inventory;
    private final PaymentGateway payments;
    private final Reconciliation.Limits limits;
    /**
     * Payment is judged on orders whose last move is at least this old (the PaymentSettleMinutes
     * parameter, 15 by default): a capture or void follows its status move asynchronously (the owed
     * payment action), and one run later it must have happened.
     */
    private final Duration settleWithin;

    Reconciler(OrderRepository orders, ProductRepository products, InventoryRepository inventory, PaymentGateway payments,
               ReconcilerLimits limits, @Value("${storefront.reconciler.settle-minutes:15}") long settleMinutes) {
        this.orders = orders;
        this.products = products;
        this.inventory = inventory;
        this.payments = payments;
        this.limits = limits.limits();
        this.settleWithin = Duration.ofMinutes(settleMinutes);
    }

    List<Reconciliation.Finding> run(Instant now) {
        List<Reconciliation.Finding> findings = new ArrayList<>();
        findings.addAll(stuckOrders(now));
        findings.addAll(paymentMismatches(now));
        findings.addAll(heldPayments(now, findings));
        findings.addAll(stockDrift());
        return findings;
    }

    private List<Reconciliation.Finding> stuckOrders(Instant now) {
        List<Reconciliation.Finding> findings = new ArrayList<>();
        for (OrderStatus status : TIMED) {
            // Only an order created before the limit can have been in its status longer than that.
            Instant createdBefore = now.minus(limits.of(status).orElseThrow());
            for (OrderSummary listed : orders.inStatus(status, createdBefore, PER_STATUS)) {
                orders.find(listed.orderId()).filter(o -> o.status() == status)
                        .flatMap(o -> Reconciliation.stuck(o.orderId(), status, since(o), now, limits))
                        .ifPresent(findings::add);
            }
        }
        return findings;
    }

    private List<Reconciliation.Finding> paymentMismatches(Instant now) {
        List<Reconciliation.Finding> findings = new ArrayList<>();
        Instant settledBefore = now.minus(settleWithin);
        for (OrderStatus status : SETTLED) {
            for (OrderSummary listed : orders.inStatus(status, now.minus(PAYMENT_WINDOW), settledBefore, PER_STATUS)) {
                orders.find(listed.orderId()).filter(o -> o.status() == status && since(o).isBefore(settledBefore))
                        .flatMap(Reconciliation::paymentMismatch)
                        .ifPresent(findings::add);
            }
        }
        return findings;
    }

    /**
     * The processor's side of the books: every payment it still holds, authorized within the last
     * {@link #HELD_WINDOW} and before the settle lag, judged against the order it names. An order
     * already found in mismatch from its own side is not reported twice.
     */
    private List<Reconciliation.Finding> heldPayments(Instant now, List<Reconciliation.Finding> found) {
        Set<String> mismatched = new HashSet<>();
        found.stream().filter(f -> f.kind() == Reconciliation.Kind.PAYMENT_MISMATCH).forEach(f -> mismatched.add(f.orderId()));
        List<Reconciliation.Finding> findings = new ArrayList<>();
        for (PaymentGateway.HeldPayment held : payments.heldPayments(now.minus(HELD_WINDOW), now.minus(settleWithin), PER_STATUS)) {
            if (!mismatched.contains(held.orderId())) {
                Reconciliation.heldPayment(held.paymentId(), held.orderId(), orders.find(held.orderId())).ifPresent(findings::add);
            }
        }
        return findings;
    }

    /** Every SKU of every product (the byListing index), each judged against its ledger; a SKU never set since the ledger began is not. */
    private List<Reconciliation.Finding> stockDrift() {
        List<Reconciliation.Finding> findings = new ArrayList<>();
        String cursor = null;
        do {
            ProductRepository.Page page = products.page(null, PRODUCT_PAGE, cursor);
            for (Product product : page.items()) {
                product.skus().forEach(sku -> findings.addAll(inventory.drift(sku)));
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return findings;
    }

    /** When the order entered its current status. */
    private static Instant since(Order order) {
        return order.history().stream().filter(c -> c.to() == order.status()).map(Order.StatusChange::at)
                .reduce((first, last) -> last).orElse(order.createdAt());
    }
}
