package dev.storefront.customerstore;

import dev.storefront.aws.PageCursor;
import dev.storefront.domain.Problem;
import dev.storefront.domain.customer.SegmentChange;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.storefront.aws.Attributes.s;
import static dev.storefront.aws.Attributes.text;

/**
 * Customers in the Customers table ({@link CustomerItems}), the table's one owner: profiles and
 * segment memberships as insights tags them, the segments cart pricing checks a segment-limited
 * code against, and what retention keeps (an order's facts, a customer's first delivered order).
 */
@Singleton
public class CustomerStore {

    private static final List<String> MEMBER_KEY = List.of("pk", "sk");

    private final DynamoDbClient dynamo;
    private final String customers;

    CustomerStore(DynamoDbClient dynamo, CustomerTables tables) {
        this.dynamo = dynamo;
        this.customers = tables.customers();
    }

    public record Profile(long orderCount, Set<String> segments) {
    }

    public record Member(String customerId, String joinedAt) {
    }

    public record MemberPage(List<Member> items, String nextCursor) {
    }

    /** A customer's first delivered order and its coupon code; {@code notified} once the notification went out. */
    public record FirstDelivery(String orderId, String couponCode, boolean notified) {
    }

    /** What retention keeps of a placed order: whose it is (null for a guest) and which products it held. */
    public record OrderFacts(String customerId, List<String> productIds) {
        public boolean isGuest() {
            return customerId == null;
        }
    }

    /**
     * The segments a customer is in now, as insights tagged them on their orders (the profile's
     * {@code segments}); read by cart pricing only for discount codes limited to a segment.
     */
    public Set<String> segmentsOf(String customerId) {
        if (customerId == null) {
            return Set.of();
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(customers).key(CustomerItems.profile(customerId))
                .projectionExpression("#segments").expressionAttributeNames(Map.of("#segments", "segments"))).item();
        return CustomerItems.segments(item);
    }

    /**
     * Counts an order for its customer, once: the order's marker and the count move in one
     * transaction, conditional on the marker being new. False for an order already counted.
     */
    public boolean countOrder(String customerId, String orderId, Instant placedAt) {
        Map<String, AttributeValue> marker = new HashMap<>(CustomerItems.orderCounted(customerId, orderId));
        marker.put("countedAt", s(placedAt.toString()));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(customers).item(marker)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(customers).key(CustomerItems.profile(customerId))
                            .updateExpression("ADD orderCount :one SET firstOrderAt = if_not_exists(firstOrderAt, :at), customerId = :c,"
                                    + " lastOrderAt = :at")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":at", s(placedAt.toString()),
                                    ":c", s(customerId)))
                            .build()).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    public Profile find(String customerId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(customers).key(CustomerItems.profile(customerId))
                .consistentRead(true).projectionExpression("orderCount, #segments")
                .expressionAttributeNames(Map.of("#segments", "segments"))).item();
        if (item == null || item.isEmpty()) {
            return new Profile(0, Set.of());
        }
        return new Profile(item.containsKey("orderCount") ? Long.parseLong(item.get("orderCount").n()) : 0, CustomerItems.segments(item));
    }

    /**
     * Writes a change of memberships: the member items first, then the profile's {@code segments}.
     * Each write is idempotent, so a redelivered order that recomputes the same change repairs
     * whatever a crash in between left half done.
     */
    public void apply(String customerId, SegmentChange change, Set<String> segmentsNow, Instant at) {
        for (String segment : change.joined()) {
            Map<String, AttributeValue> item = new HashMap<>(CustomerItems.membership(segment, customerId));
            item.put("customerId", s(customerId));
            item.put("joinedAt", s(at.toString()));
            dynamo.putItem(r -> r.tableName(customers).item(item));
        }
        for (String segment : change.left()) {
            dynamo.deleteItem(r -> r.tableName(customers).key(CustomerItems.membership(segment, customerId)));
        }
        if (segmentsNow.isEmpty()) {
            dynamo.updateItem(r -> r.tableName(customers).key(CustomerItems.profile(customerId)).updateExpression("REMOVE #segments")
                    .expressionAttributeNames(Map.of("#segments", "segments")));
        } else {
            dynamo.updateItem(r -> r.tableName(customers).key(CustomerItems.profile(customerId))
                    .updateExpression("SET #segments = :s")
                    .expressionAttributeNames(Map.of("#segments", "segments"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromSs(List.copyOf(segmentsNow)))));
        }
    }

    /** How many customers are in a segment now (a Query that counts, page by page; no items read back). */
    public long memberCount(String segment) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(customers).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(CustomerItems.segmentPk(segment))))
                    .select(Select.COUNT).exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** A segment's members in customer id order, a page at a time behind an opaque cursor. */
    public MemberPage members(String segment, int limit, String cursor) {
        String pk = CustomerItems.segmentPk(segment);
        Map<String, AttributeValue> start = PageCursor.decode(cursor, MEMBER_KEY);
        if (start != null && (!pk.equals(start.get("pk").s()) || !start.get("sk").s().startsWith(CustomerItems.CUSTOMER))) {
            throw Problem.invalid("cursor", "cursor is not one this API issued for segment " + segment + "; start again without it");
        }
        QueryResponse page = dynamo.query(r -> r.tableName(customers).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(pk)))
                .limit(limit).exclusiveStartKey(start));
        List<Member> members = page.items().stream().map(item -> new Member(
                item.get("sk").s().substring(CustomerItems.CUSTOMER.length()), text(item, "joinedAt"))).toList();
        return new MemberPage(members, PageCursor.encode(page.lastEvaluatedKey(), MEMBER_KEY));
    }

    /** The same facts every time for one order: writing them twice is harmless. */
    public void saveOrderFacts(String orderId, OrderFacts facts) {
        Map<String, AttributeValue> item = new HashMap<>(CustomerItems.orderFacts(orderId));
        if (facts.customerId() != null) {
            item.put("customerId", s(facts.customerId()));
        }
        item.put("productIds", AttributeValue.fromL(facts.productIds().stream().map(AttributeValue::fromS).toList()));
        dynamo.putItem(r -> r.tableName(customers).item(item));
    }

    public Optional<OrderFacts> orderFacts(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(customers).key(CustomerItems.orderFacts(orderId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OrderFacts(text(item, "customerId"), item.get("productIds").l().stream().map(AttributeValue::s).toList()));
    }

    /**
     * Makes this order the customer's first delivered one, with this coupon code, unless another
     * order already is: one conditional write, so however often and in whatever order deliveries
     * arrive, one order ever becomes the first and its coupon code is fixed by that same write.
     * Returns the claim that holds: this order's (new, or from an earlier delivery of the same
     * event), or another order's.
     */
    public FirstDelivery claimFirstDelivery(String customerId, String orderId, String newCouponCode) {
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(r -> r.tableName(customers).key(CustomerItems.profile(customerId))
                    .updateExpression("SET firstDeliveredOrderId = :order, retentionCoupon = :code")
                    .conditionExpression("attribute_not_exists(firstDeliveredOrderId)")
                    .expressionAttributeValues(Map.of(":order", s(orderId), ":code", s(newCouponCode)))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return firstDeliveryOf(after);
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() ? firstDeliveryOf(e.item()) : firstDelivery(customerId).orElseThrow(() -> e);
        }
    }

    /** Notes that the coupon's notification was sent, so a redelivered event sends none. */
    public void couponNotified(String customerId) {
        dynamo.updateItem(r -> r.tableName(customers).key(CustomerItems.profile(customerId))
                .updateExpression("SET couponNotified = :yes")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
    }

    private Optional<FirstDelivery> firstDelivery(String customerId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(customers).key(CustomerItems.profile(customerId)).consistentRead(true)).item();
        return item == null || !item.containsKey("firstDeliveredOrderId") ? Optional.empty() : Optional.of(firstDeliveryOf(item));
    }

    private static FirstDelivery firstDeliveryOf(Map<String, AttributeValue> item) {
        return new FirstDelivery(item.get("firstDeliveredOrderId").s(), item.get("retentionCoupon").s(),
                item.containsKey("couponNotified") && Boolean.TRUE.equals(item.get("couponNotified").bool()));
    }
}
