package dev.storefront.orderstore;

import dev.storefront.aws.BatchGet;
import dev.storefront.aws.PageCursor;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.stockledger.InventoryLedger;
import dev.storefront.domain.catalog.StockChange;
import dev.storefront.domain.catalog.StockShards;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderNote;
import dev.storefront.domain.order.OrderRefund;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.OrderSummary;
import dev.storefront.domain.order.Return;
import dev.storefront.domain.order.PaymentAction;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static dev.storefront.orderstore.OrderItems.n;
import static dev.storefront.orderstore.OrderItems.s;

/**
 * Orders and the stock they hold. Stock moves only together with an order's status, in one
 * transaction, conditioned on the status it leaves: a reservation is taken once when the order is
 * created and given back once when the order reaches a status that releases it, each move with
 * its inventory ledger entries in the same transaction.
 */
// Only in functions given the table: Lambda contexts create every singleton eagerly, and the events
// relay takes this module for its stream images alone.
@Requires(property = "storefront.tables.orders")
@Singleton
public class OrderRepository {

    private static final List<String> CUSTOMER_KEY = List.of("orderId", "customerId", "createdAt");

    private final DynamoDbClient dynamo;
    private final String orders;
    private final String inventory;

    private final InventoryLedger ledger;

    public OrderRepository(DynamoDbClient dynamo, OrderTables tables, InventoryLedger ledger) {
        this.dynamo = dynamo;
        this.orders = tables.orders();
        this.inventory = tables.inventory();
        this.ledger = ledger;
    }

    /** DynamoDB's most items in one transaction. */
    private static final int MAX_TRANSACTION_ITEMS = 100;

    /**
     * One transaction: take each line's units from Inventory ({@code available >= qty}), create the
     * order (pending payment), close the cart (conditional on its version), redeem the single-use
     * code if any (a code redeemed meanwhile by another order cancels it all: no order exists and no
     * stock moved) and claim the Idempotency-Key if asked (last, saving checkout a round trip).
     * A hot SKU's line takes its units from a shard picked at random; when that shard is short (or
     * met a concurrent transaction) the transaction is tried again with the line on its next shard
     * ({@link StockShards#tryOrder}); after the first short shard, one consistent read of the shards
     * left keeps only those still holding the line's units, so a sold-out hot SKU refuses after two
     * round trips instead of one transaction per shard. The order records the shard each line came
     * from, where its give-back goes. Returns the order as reserved and the write capacity the
     * transaction consumed. When the claim's condition fails, {@link ClaimRefused} is thrown and
     * nothing was written; any other refusal is a {@link Problem} naming the part.
     */
    public Reserved reserve(Reservation reservation) {
        List<Order.Line> lines = reservation.order().lines();
        // Per line, the shards still to try, the one tried next first; spreading the first picks is all the randomness is for.
        List<List<Integer>> left = new ArrayList<>();
        boolean[] reread = new boolean[lines.size()];
        for (Order.Line line : lines) {
            left.add(new ArrayList<>(StockShards.tryOrder(reservation.shardsOf(line.sku()), ThreadLocalRandom.current())));
        }
        while (true) {
            Order order = reservation.order().withStockShards(left.stream().map(shards -> shards.get(0)).toList());
            Attempt attempt = attempt(reservation, order);
            try {
                TransactWriteItemsResponse response = dynamo.transactWriteItems(r -> r.transactItems(attempt.writes())
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                return new Reserved(order, consumed(response.consumedCapacity()));
            } catch (TransactionCanceledException e) {
                Map<Integer, String> refused = refusedLines(e, attempt.parts(), lines.size());
                if (refused.isEmpty() || refused.keySet().stream().anyMatch(i -> left.get(i).size() == 1)) {
                    throw whyNotReserved(refusedParts(e, attempt.parts()), order);
                }
                for (Map.Entry<Integer, String> line : refused.entrySet()) {
                    int i = line.getKey();
                    left.get(i).remove(0);
                    if ("ConditionalCheckFailed".equals(line.getValue()) && !reread[i]) {
                        reread[i] = true;
                        left.get(i).retainAll(holding(lines.get(i), left.get(i)));
                    }
                }
                if (refused.keySet().stream().anyMatch(i -> left.get(i).isEmpty())) {
                    throw whyNotReserved(refusedParts(e, attempt.parts()), order);
                }
            }
        }
    }

    /** Which of {@code shards} of the line's SKU hold at least its quantity now (a consistent read). */
    private List<Integer> holding(Order.Line line, List<Integer> shards) {
        Map<String, Integer> byKey = new HashMap<>();
        shards.forEach(shard -> byKey.put(StockShards.key(line.sku(), shard), shard));
        List<Map<String, AttributeValue>> keys = byKey.keySet().stream().map(key -> Map.of("sku", s(key))).toList();
        List<Integer> holding = new ArrayList<>();
        BatchGet.tables(dynamo, Map.of(inventory, KeysAndAttributes.builder().keys(keys).projectionExpression("sku, available")
                        .consistentRead(true).build())).get(inventory).stream()
                .filter(item -> item.containsKey("available") && Long.parseLong(item.get("available").n()) >= line.quantity())
                .forEach(item -> holding.add(byKey.get(item.get("sku").s())));
        return holding;
    }

    /** A reservation made: the order with the shard each line's units came from, and the write capacity it took. */
    public record Reserved(Order order, double capacity) {
    }

    private record Attempt(List<TransactWriteItem> writes, List<String> parts) {
    }

    private Attempt attempt(Reservation reservation, Order order) {
        List<TransactWriteItem> writes = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (Order.Line line : order.lines()) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(inventory)
                    .key(stockKey(line))
                    .updateExpression("SET available = available - :q")
                    .conditionExpression("available >= :q")
                    .expressionAttributeValues(Map.of(":q", n(line.quantity())))
                    .build()).build());
            parts.add(STOCK + line.sku());
        }
        // After the stock parts, which refusedLines expects first; an entry has no condition, so it never refuses.
        for (Order.Line line : order.lines()) {
            writes.add(ledger.entryFor(StockChange.reserved(line.sku(), line.stockShard(), line.quantity(), order.orderId(), order.createdAt())));
            parts.add(LEDGER);
        }
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(orders).item(OrderItems.toItem(order))
                .conditionExpression("attribute_not_exists(orderId)").build()).build());
        parts.add(ORDER);
        writes.add(TransactWriteItem.builder().update(reservation.closeCart()).build());
        parts.add(CLOSE_CART);
        if (reservation.redeemCode() != null) {
            writes.add(TransactWriteItem.builder().update(reservation.redeemCode()).build());
            parts.add(REDEEM_CODE);
        }
        for (TransactWriteItem limit : reservation.limits()) {
            writes.add(limit);
            parts.add(ATTEMPT_LIMIT);
        }
        if (reservation.claimKey() != null) {
            writes.add(reservation.claimKey());
            parts.add(CLAIM_KEY);
        }
        if (writes.size() > MAX_TRANSACTION_ITEMS) {
            // Each line writes its stock and its ledger entry: past 46 lines one transaction cannot hold an order.
            throw new Problem(ProblemCode.CART_LIMIT_EXCEEDED, "an order holds at most "
                    + (MAX_TRANSACTION_ITEMS - (writes.size() - 2 * order.lines().size())) / 2 + " lines; split the cart into two orders");
        }
        return new Attempt(writes, parts);
    }

    /** The stock item a line's units are taken from and given back to: its SKU's, or the shard it came from. */
    private static Map<String, AttributeValue> stockKey(Order.Line line) {
        return Map.of("sku", s(StockShards.key(line.sku(), line.stockShard())));
    }

    private static double consumed(List<software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity> capacities) {
        return capacities == null ? 0 : capacities.stream().mapToDouble(c -> c.capacityUnits() == null ? 0 : c.capacityUnits()).sum();
    }

    /**
     * Writes {@code writes} in one transaction whose first item is the order's conditional update:
     * false when that condition refused it (nothing was written); any other cancellation is thrown.
     */
    private boolean transactUnlessFirstRefused(List<TransactWriteItem> writes) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The lines (stock parts come first, one per line) whose stock refused, each with why: short of
     * units (ConditionalCheckFailed) or met by a concurrent transaction on the same shard
     * (TransactionConflict); empty when anything but stock refused.
     */
    private static Map<Integer, String> refusedLines(TransactionCanceledException e, List<String> parts, int lineCount) {
        List<CancellationReason> reasons = e.cancellationReasons();
        Map<Integer, String> lines = new java.util.LinkedHashMap<>();
        for (int i = 0; i < parts.size() && i < reasons.size(); i++) {
            String code = reasons.get(i).code();
            boolean refused = "ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code);
            if (refused && i >= lineCount) {
                return Map.of();
            }
            if (refused) {
                lines.put(i, code);
            }
        }
        return lines;
    }

    /** The claim in the reservation was refused: nothing was reserved. */
    public static final class ClaimRefused extends RuntimeException {
        ClaimRefused() {
            super("the claim written with the reservation was refused", null, false, false);
        }
    }

    /** An attempt limit of the {@link Reservation} refused: the shopper is past it, nothing was reserved. */
    public static final class GuardRefused extends RuntimeException {
        GuardRefused() {
            super("an attempt limit of the reservation was refused", null, false, false);
        }
    }

    private static final String STOCK = "stock:";
    private static final String ORDER = "order";
    private static final String CLOSE_CART = "close cart";
    private static final String REDEEM_CODE = "redeem code";
    private static final String CLAIM_KEY = "claim key";
    private static final String ATTEMPT_LIMIT = "attempt limit";
    private static final String LEDGER = "ledger";

    /** The parts whose condition failed, by name (DynamoDB answers one reason per write, in order). */
    private static List<String> refusedParts(TransactionCanceledException e, List<String> parts) {
        List<CancellationReason> reasons = e.cancellationReasons();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < parts.size() && i < reasons.size(); i++) {
            if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                refused.add(parts.get(i));
            }
        }
        return refused;
    }

    private static RuntimeException whyNotReserved(List<String> refused, Order order) {
        if (refused.contains(CLAIM_KEY)) {
            return new ClaimRefused();
        }
        if (refused.contains(ATTEMPT_LIMIT)) {
            return new GuardRefused();
        }
        List<String> short_ = refused.stream().filter(p -> p.startsWith(STOCK)).map(p -> p.substring(STOCK.length())).toList();
        if (!short_.isEmpty()) {
            return new Problem(ProblemCode.OUT_OF_STOCK, "not enough stock for: " + String.join(", ", short_));
        }
        if (refused.contains(REDEEM_CODE)) {
            // Checked before the cart: a concurrent checkout that used the code also closed the cart.
            return new Problem(ProblemCode.DISCOUNT_INVALID, "code " + order.discountCode()
                    + " was already used by another order; remove it from the cart to check out without it", "code");
        }
        if (refused.contains(CLOSE_CART)) {
            return new Problem(ProblemCode.CART_CLOSED, "the cart changed or was checked out meanwhile; read it and try again");
        }
        return new Problem(ProblemCode.IDEMPOTENCY_IN_FLIGHT, "the checkout met a concurrent change; retry with the same Idempotency-Key");
    }

    public Optional<Order> find(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(orders).key(Map.of("orderId", s(orderId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OrderItems.fromItem(item));
    }

    public record Page(List<Order> items, String nextCursor) {
    }

    /** A customer's orders, newest first, through the byCustomer index. */
    public Page ofCustomer(String customerId, int limit, String cursor) {
        QueryResponse page = dynamo.query(r -> r.tableName(orders).indexName("byCustomer")
                .keyConditionExpression("customerId = :c")
                .expressionAttributeValues(Map.of(":c", s(customerId)))
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(start(cursor, customerId)));
        return new Page(page.items().stream().map(OrderItems::fromItem).toList(), PageCursor.encode(page.lastEvaluatedKey(), CUSTOMER_KEY));
    }

    private static Map<String, AttributeValue> start(String cursor, String customerId) {
        Map<String, AttributeValue> start = PageCursor.decode(cursor, CUSTOMER_KEY);
        if (start != null && !customerId.equals(start.get("customerId").s())) {
            throw Problem.invalid("cursor", "cursor is not one this API issued to you; start again without it");
        }
        return start;
    }

    /**
     * Moves an order from one status to the next, appending to its history; empty when the order
     * was not in {@code from} (someone else moved it first: nothing happens twice).
     */
    public Optional<Order> move(Order order, OrderMove move) {
        return move(order.orderId(), order.status(), move);
    }

    /**
     * As {@link #move(Order, OrderMove)}, for a caller that knows the status the order should be in
     * without reading it (an order event says so): empty when it was not in {@code from}, or is no order.
     */
    public Optional<Order> move(String orderId, OrderStatus from, OrderMove move) {
        Update u = transition(orderId, from, move);
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(r -> r.tableName(u.tableName()).key(u.key())
                    .updateExpression(u.updateExpression()).conditionExpression(u.conditionExpression())
                    .expressionAttributeNames(u.expressionAttributeNames()).expressionAttributeValues(u.expressionAttributeValues())
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(OrderItems.fromItem(item));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * As {@link #move}, together with one more write in the same transaction (checkout stores its
     * answer on the Idempotency-Key as the order is placed). False when nothing was written: the
     * order had left its status, or the transaction met a concurrent one.
     */
    public boolean moveWith(Order order, OrderMove move, TransactWriteItem also) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(transition(order, move)).build(), also));
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    /**
     * Sets the order's payment without moving its status (a payment now waiting for the shopper's
     * bank; a late payment voided on an expired order), conditional on the status it was read in,
     * with {@code also} in the same transaction when given. False when the order had left that status.
     * Its stream record keeps the status, so it is no order event.
     */
    public boolean updatePayment(Order order, Order.Payment payment, TransactWriteItem also) {
        Update update = Update.builder().tableName(orders).key(Map.of("orderId", s(order.orderId())))
                .updateExpression("SET payment = :payment")
                .conditionExpression("#status = :status")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":payment", OrderItems.payment(payment), ":status", s(order.status().name())))
                .build();
        try {
            if (also == null) {
                dynamo.updateItem(r -> r.tableName(update.tableName()).key(update.key()).updateExpression(update.updateExpression())
                        .conditionExpression(update.conditionExpression()).expressionAttributeNames(update.expressionAttributeNames())
                        .expressionAttributeValues(update.expressionAttributeValues()));
            } else {
                dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(update).build(), also));
            }
            return true;
        } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
            return false;
        }
    }

    /**
     * Moves an order to a status that gives its stock back, and gives it back, in one transaction.
     * False when the order had already left {@code order.status()}: whoever moved it released the stock.
     */
    public boolean moveReleasing(Order order, OrderMove move) {
        if (!move.to().releasesStock()) {
            throw new IllegalArgumentException(move.to() + " does not release stock");
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(transition(order, move)).build());
        for (Order.Line line : order.lines()) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(inventory)
                    .key(stockKey(line))
                    .updateExpression("ADD available :q")
                    .expressionAttributeValues(Map.of(":q", n(line.quantity())))
                    .build()).build());
            writes.add(ledger.entryFor(StockChange.released(line.sku(), line.stockShard(), line.quantity(), order.orderId(), move.change().at())));
        }
        return transactUnlessFirstRefused(writes);
    }

    /**
     * Adds a return to a delivered order, conditional on the returns it was read with (their count:
     * the list is only appended to), so two returns asked at once cannot both take the same units.
     * False when the order changed meanwhile: read it again and re-check.
     */
    public boolean addReturn(Order order, Return requested) {
        int known = order.returns().size();
        try {
            dynamo.updateItem(r -> r.tableName(orders).key(Map.of("orderId", s(order.orderId())))
                    .updateExpression("SET #returns = list_append(if_not_exists(#returns, :none), :new)")
                    .conditionExpression("#status = :delivered AND " + (known == 0 ? "attribute_not_exists(#returns)" : "size(#returns) = :known"))
                    .expressionAttributeNames(Map.of("#returns", "returns", "#status", "status"))
                    .expressionAttributeValues(known == 0
                            ? Map.of(":none", AttributeValue.fromL(List.of()), ":new", AttributeValue.fromL(List.of(OrderItems.returned(requested))),
                                    ":delivered", s(OrderStatus.DELIVERED.name()))
                            : Map.of(":none", AttributeValue.fromL(List.of()), ":new", AttributeValue.fromL(List.of(OrderItems.returned(requested))),
                                    ":delivered", s(OrderStatus.DELIVERED.name()), ":known", n(known))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The partner's receipt of a return, in one transaction: the return REQUESTED → RECEIVED (its
     * condition: so a duplicate or stale receipt has no effect), its refund recorded PENDING and held
     * against the captured amount ({@code refundsHeld} may not pass it), and {@code restock}, the
     * Inventory writes that put the resellable units back. False when the return was no longer
     * REQUESTED or the refund would pass what was captured: nothing was written.
     */
    public boolean receiveReturn(Order order, Return received, OrderRefund refund, List<TransactWriteItem> restock) {
        int index = indexOf(order.returns(), received.returnId());
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":received", OrderItems.returned(received), ":id", s(received.returnId()), ":requested", s(Return.Status.REQUESTED.name())));
        Update update = Update.builder().tableName(orders).key(Map.of("orderId", s(order.orderId())))
                .updateExpression("SET #returns[" + index + "] = :received, " + holding(refund, order, values))
                .conditionExpression("#returns[" + index + "].returnId = :id AND #returns[" + index + "].#status = :requested AND " + cap())
                .expressionAttributeNames(Map.of("#returns", "returns", "#refunds", "refunds", "#held", "refundsHeld", "#status", "status"))
                .expressionAttributeValues(values)
                .build();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(update).build());
        writes.addAll(restock);
        return transactUnlessFirstRefused(writes);
    }

    /**
     * Records a refund PENDING, held against the captured amount, and answers the order with it: empty when, with what other refunds
     * hold now (however many are recorded at once), it would pass the captured amount, or the order's
     * payment is not captured.
     */
    public Optional<Order> addRefund(Order order, OrderRefund refund) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":captured", s(Order.PaymentStatus.CAPTURED.name())));
        String set = "SET " + holding(refund, order, values);
        try {
            return Optional.of(OrderItems.fromItem(dynamo.updateItem(r -> r.tableName(orders).key(Map.of("orderId", s(order.orderId())))
                    .updateExpression(set)
                    .conditionExpression("payment.#status = :captured AND " + cap())
                    .expressionAttributeNames(Map.of("#refunds", "refunds", "#held", "refundsHeld", "#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    /**
     * The processor's answer to a PENDING refund, once: SUCCEEDED (and its return, if any, REFUNDED)
     * or FAILED (its amount no longer held). False when it was settled before.
     */
    public boolean settleRefund(Order order, OrderRefund settled) {
        int index = indexOf(order, settled);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":settled", OrderItems.refund(settled), ":id", s(settled.refundId()),
                ":pending", s(OrderRefund.Status.PENDING.name())));
        StringBuilder set = new StringBuilder("SET #refunds[" + index + "] = :settled");
        Map<String, String> names = new HashMap<>(Map.of("#refunds", "refunds", "#status", "status"));
        if (settled.status() == OrderRefund.Status.FAILED) {
            set.append(", #held = #held - :amount");
            names.put("#held", "refundsHeld");
            values.put(":amount", n(settled.amount()));
        } else if (settled.returnId() != null) {
            int returnIndex = indexOf(order.returns(), settled.returnId());
            set.append(", #returns[").append(returnIndex).append("].#status = :refunded");
            names.put("#returns", "returns");
            values.put(":refunded", s(Return.Status.REFUNDED.name()));
        }
        try {
            dynamo.updateItem(r -> r.tableName(orders).key(Map.of("orderId", s(order.orderId())))
                    .updateExpression(set.toString())
                    .conditionExpression("#refunds[" + index + "].refundId = :id AND #refunds[" + index + "].#status = :pending")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Appends {@code refund} to the list and adds its amount to what refunds hold; fills {@code values}. */
    private static String holding(OrderRefund refund, Order order, Map<String, AttributeValue> values) {
        values.put(":none", AttributeValue.fromL(List.of()));
        values.put(":refund", AttributeValue.fromL(List.of(OrderItems.refund(refund))));
        values.put(":zero", n(0));
        values.put(":amount", n(refund.amount()));
        // DynamoDB conditions cannot add: "held + amount <= captured" is "held <= captured - amount".
        values.put(":limit", n(order.captured() - refund.amount()));
        return "#refunds = list_append(if_not_exists(#refunds, :none), :refund), #held = if_not_exists(#held, :zero) + :amount";
    }

    private static String cap() {
        return "(attribute_not_exists(#held) AND :zero <= :limit OR #held <= :limit)";
    }

    private static int indexOf(List<Return> returns, String returnId) {
        for (int i = 0; i < returns.size(); i++) {
            if (returns.get(i).returnId().equals(returnId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no return " + returnId + " on the order");
    }

    private static int indexOf(Order order, OrderRefund refund) {
        for (int i = 0; i < order.refunds().size(); i++) {
            if (order.refunds().get(i).refundId().equals(refund.refundId())) {
                return i;
            }
        }
        throw new IllegalArgumentException("no refund " + refund.refundId() + " on the order");
    }

    /**
     * What an order's status alone does not say, for consumers that act on it: which outgoing
     * messages were sent for it ({@code sentMessages}, by event id), which payment call is still
     * owed after a status move ({@code paymentAction}: {@code capture} or {@code void}, removed once
     * the processor answered) and how many stale or illegal partner updates were ignored.
     */
    public record Marks(java.util.Set<String> sentMessages, PaymentAction paymentAction, long ignoredUpdates) {
    }

    public Marks marks(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(orders).key(Map.of("orderId", s(orderId)))
                .consistentRead(true).projectionExpression("sentMessages, paymentAction, ignoredUpdates")).item();
        return marks(item == null ? Map.of() : item);
    }

    /** Everything stored of one order, in one read: the order, its marks and the operators' notes (the order desk). */
    public record OrderFile(Order order, Marks marks, List<OrderNote> notes) {
    }

    public Optional<OrderFile> file(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(orders).key(Map.of("orderId", s(orderId))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OrderFile(OrderItems.fromItem(item), marks(item), OrderItems.notes(item)));
    }

    /**
     * Appends an operator's note to the order ({@code notes}, oldest first); false when the order
     * already holds {@link OrderNote#MAX_NOTES}. The item's stream record keeps the status: no order event.
     */
    public boolean addNote(String orderId, OrderNote note) {
        try {
            dynamo.updateItem(r -> r.tableName(orders).key(Map.of("orderId", s(orderId)))
                    .updateExpression("SET notes = list_append(if_not_exists(notes, :none), :note)")
                    .conditionExpression("attribute_exists(orderId) AND (attribute_not_exists(notes) OR size(notes) < :max)")
                    .expressionAttributeValues(Map.of(":none", AttributeValue.fromL(List.of()), ":note", AttributeValue.fromL(List.of(OrderItems.note(note))),
                            ":max", n(OrderNote.MAX_NOTES))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Marks marks(Map<String, AttributeValue> item) {
        return new Marks(item.containsKey("sentMessages") ? java.util.Set.copyOf(item.get("sentMessages").ss()) : java.util.Set.of(),
                item.containsKey("paymentAction") ? PaymentAction.ofStored(item.get("paymentAction").s()) : null,
                item.containsKey("ignoredUpdates") ? Long.parseLong(item.get("ignoredUpdates").n()) : 0);
    }

    /** Notes that the message with this event id was sent for the order (a string set: adding twice is once). */
    public void markSent(String orderId, String eventId) {
        dynamo.updateItem(r -> r.tableName(orders).key(Map.of("orderId", s(orderId)))
                .updateExpression("ADD sentMessages :id")
                .conditionExpression("attribute_exists(orderId)")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromSs(List.of(eventId)))));
    }

    /** Removes the owed payment call once the processor took it; false when it was not (or no longer) owed. */
    public boolean paymentActionDone(String orderId, PaymentAction action) {
        try {
            dynamo.updateItem(r -> r.tableName(orders).key(Map.of("orderId", s(orderId)))
                    .updateExpression("REMOVE paymentAction")
                    .conditionExpression("paymentAction = :a")
                    .expressionAttributeValues(Map.of(":a", s(action.stored()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Counts an update that was acknowledged without effect (stale, illegal, for a closed order). */
    public void countIgnoredUpdate(String orderId) {
        try {
            dynamo.updateItem(r -> r.tableName(orders).key(Map.of("orderId", s(orderId)))
                    .updateExpression("ADD ignoredUpdates :one")
                    .conditionExpression("attribute_exists(orderId)")
                    .expressionAttributeValues(Map.of(":one", n(1))));
        } catch (ConditionalCheckFailedException e) {
            // No such order: nothing to count on.
        }
    }

    /** Orders still waiting for payment that were created before the cutoff, oldest first. */
    public List<Order> pendingSince(Instant cutoff, int limit) {
        return dynamo.query(r -> r.tableName(orders).indexName("byPending")
                        .keyConditionExpression("pending = :p AND createdAt < :cutoff")
                        .expressionAttributeValues(Map.of(":p", s(OrderItems.PENDING), ":cutoff", s(cutoff.toString())))
                        .limit(limit))
                .items().stream().map(i -> find(i.get("orderId").s())).flatMap(Optional::stream).toList();
    }

    /**
     * Orders in {@code status} created before {@code createdBefore}, oldest first, through the byStatus
     * index (status, createdAt; email, total, currency and customerId projected): what the reconciler
     * checks for orders stuck in a status.
     */
    public List<OrderSummary> inStatus(OrderStatus status, Instant createdBefore, int limit) {
        return dynamo.query(r -> r.tableName(orders).indexName("byStatus")
                        .keyConditionExpression("#status = :s AND createdAt < :before")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":s", s(status.name()), ":before", s(createdBefore.toString())))
                        .limit(limit))
                .items().stream().map(OrderItems::summary).toList();
    }

    /**
     * Orders in {@code status} created in [{@code createdAfter}, {@code createdBefore}], oldest first,
     * page after page of the byStatus index up to {@code limit}: the reconciler's window of recent orders.
     */
    public List<OrderSummary> inStatus(OrderStatus status, Instant createdAfter, Instant createdBefore, int limit) {
        return dynamo.queryPaginator(r -> r.tableName(orders).indexName("byStatus")
                        .keyConditionExpression("#status = :s AND createdAt BETWEEN :after AND :before")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":s", s(status.name()), ":after", s(createdAfter.toString()),
                                ":before", s(createdBefore.toString()))))
                .items().stream().limit(limit).map(OrderItems::summary).toList();
    }

    private Update transition(Order order, OrderMove move) {
        return transition(order.orderId(), order.status(), move);
    }

    private Update transition(String orderId, OrderStatus from, OrderMove move) {
        OrderStatus to = move.to();
        if (!from.canMoveTo(to) || move.change().from() != from) {
            throw new IllegalArgumentException(from + " cannot move to " + to + " by " + move.change());
        }
        StringBuilder expression = new StringBuilder("SET #status = :to, history = list_append(history, :change)");
        Map<String, String> names = new HashMap<>(Map.of("#status", "status"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(to.name()), ":from", s(from.name()),
                ":change", AttributeValue.fromL(List.of(OrderItems.change(move.change())))));
        if (move.payment() != null) {
            expression.append(", payment = :payment");
            values.put(":payment", OrderItems.payment(move.payment()));
        }
        if (move.fulfilment() != null) {
            expression.append(", fulfilment = :fulfilment");
            values.put(":fulfilment", OrderItems.fulfilment(move.fulfilment()));
        }
        if (move.paymentAction() != null) {
            expression.append(", paymentAction = :paymentAction");
            values.put(":paymentAction", s(move.paymentAction().stored()));
        }
        if (from == OrderStatus.PENDING_PAYMENT) {
            expression.append(" REMOVE pending");
        }
        return Update.builder().tableName(orders).key(Map.of("orderId", s(orderId)))
                .updateExpression(expression.toString())
                .conditionExpression("#status = :from")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }
}
