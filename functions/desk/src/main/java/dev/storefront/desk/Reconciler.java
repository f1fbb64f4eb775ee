package dev.storefront.desk;

import dev.storefront.catalogstore.InventoryRepository;
import dev.storefront.catalogstore.ProductRepository;
import dev.storefront.domain.catalog.Product;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.Reconciliation;
import dev.storefront.domain.order.OrderSummary;
import dev.storefront.orderstore.OrderRepository;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One reconciliation run: orders stuck in a status, orders whose payment disagrees with their
 * shipment, stock items that disagree with their ledger. Reads through indexes and keys only.
 */
@Singleton
class Reconciler {

    /** Statuses an order may be stuck in (the others have no time limit). */
    static final List<OrderStatus> TIMED = List.of(OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED, OrderStatus.SHIPPED);
    /** Statuses where money and goods must agree: past payment, before or after shipment. */
    static final Set<OrderStatus> SETTLED = Set.of(OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED, OrderStatus.ACCEPTED,
            OrderStatus.REJECTED, OrderStatus.CANCELLED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
    /**
     * Payment is judged on orders whose last move is at least this old: a capture or void follows its
     * status move asynchronously (the owed payment action), and one run later it must have happened.
     */
    static final Duration SETTLE_WITHIN = Duration.ofMinutes(15);
    /** Orders created this long ago at most are judged on payment: older ones were judged by earlier runs. */
    static final Duration PAYMENT_WINDOW = Duration.ofDays(60);
    /** At most this many orders per status per run, so one run stays well inside its Lambda timeout. */
    static final int PER_STATUS = 2_000;
    static final int PRODUCT_PAGE = 100;

    private final OrderRepository orders;
    private final ProductRepository products;
    private final InventoryRepository inventory;
    private final Reconciliation.Limits limits;

    Reconciler(OrderRepository orders, ProductRepository products, InventoryRepository inventory, ReconcilerLimits limits) {
        this.orders = orders;
        this.products = products;
        this.inventory = inventory;
        this.limits = limits.limits();
    }

    List<Reconciliation.Finding> run(Instant now) {
        List<Reconciliation.Finding> findings = new ArrayList<>();
        findings.addAll(stuckOrders(now));
        findings.addAll(paymentMismatches(now));
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
        Instant settledBefore = now.minus(SETTLE_WITHIN);
        for (OrderStatus status : SETTLED) {
            for (OrderSummary listed : orders.inStatus(status, now.minus(PAYMENT_WINDOW), settledBefore, PER_STATUS)) {
                orders.find(listed.orderId()).filter(o -> o.status() == status && since(o).isBefore(settledBefore))
                        .flatMap(Reconciliation::paymentMismatch)
                        .ifPresent(findings::add);
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
