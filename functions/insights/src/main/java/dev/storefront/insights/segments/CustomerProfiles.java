package dev.storefront.insights.segments;

import dev.storefront.aws.PageCursor;
import dev.storefront.domain.Problem;
import dev.storefront.domain.customer.SegmentChange;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Customers as segments see them, in the Customers table: the profile ({@code orderCount},
 * {@code firstOrderAt}, {@code lastOrderAt}, {@code segments}; never an email or an address), one
 * marker per counted order, and one membership item per segment member.
 */
@Singleton
public class CustomerProfiles {

    private static final List<String> MEMBER_KEY = List.of("pk", "sk");

    private final DynamoDbClient dynamo;
    private final String customers;

    CustomerProfiles(DynamoDbClient dynamo, @Property(name = "storefront.tables.customers") String customers) {
        this.dynamo = dynamo;
        this.customers = customers;
    }

    public record Profile(long orderCount, Set<String> segments) {
    }

    /**
     * Counts an order for its customer, once: the order's marker and the count move in one
     * transaction, conditional on the marker being new. False for an order already counted.
     */
    public boolean countOrder(String customerId, String orderId, Instant placedAt) {
        Map<String, AttributeValue> marker = new HashMap<>(CustomerKeys.orderCounted(customerId, orderId));
        marker.put("countedAt", AttributeValue.fromS(placedAt.toString()));
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(customers).item(marker)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(customers).key(CustomerKeys.profile(customerId))
                            .updateExpression("ADD orderCount :one SET firstOrderAt = if_not_exists(firstOrderAt, :at), customerId = :c,"
                                    + " lastOrderAt = :at")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":at", AttributeValue.fromS(placedAt.toString()),
                                    ":c", AttributeValue.fromS(customerId)))
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
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(customers).key(CustomerKeys.profile(customerId))
                .consistentRead(true).projectionExpression("orderCount, #segments")
                .expressionAttributeNames(Map.of("#segments", "segments"))).item();
        if (item == null || item.isEmpty()) {
            return new Profile(0, Set.of());
        }
        return new Profile(item.containsKey("orderCount") ? Long.parseLong(item.get("orderCount").n()) : 0,
                item.containsKey("segments") ? Set.copyOf(item.get("segments").ss()) : Set.of());
    }

    /**
     * Writes a change of memberships: the member items first, then the profile's {@code segments}.
     * Each write is idempotent, so a redelivered order that recomputes the same change repairs
     * whatever a crash in between left half done.
     */
    public void apply(String customerId, SegmentChange change, Set<String> segmentsNow, Instant at) {
        for (String segment : change.joined()) {
            Map<String, AttributeValue> item = new HashMap<>(CustomerKeys.membership(segment, customerId));
            item.put("customerId", AttributeValue.fromS(customerId));
            item.put("joinedAt", AttributeValue.fromS(at.toString()));
            dynamo.putItem(r -> r.tableName(customers).item(item));
        }
        for (String segment : change.left()) {
            dynamo.deleteItem(r -> r.tableName(customers).key(CustomerKeys.membership(segment, customerId)));
        }
        if (segmentsNow.isEmpty()) {
            dynamo.updateItem(r -> r.tableName(customers).key(CustomerKeys.profile(customerId)).updateExpression("REMOVE #segments")
                    .expressionAttributeNames(Map.of("#segments", "segments")));
        } else {
            dynamo.updateItem(r -> r.tableName(customers).key(CustomerKeys.profile(customerId))
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
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CustomerKeys.segmentPk(segment))))
                    .select(Select.COUNT).exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    @io.micronaut.serde.annotation.Serdeable
    public record Member(String customerId, @io.micronaut.core.annotation.Nullable String joinedAt) {
    }

    public record MemberPage(List<Member> items, String nextCursor) {
    }

    /** A segment's members in customer id order, a page at a time behind an opaque cursor. */
    public MemberPage members(String segment, int limit, String cursor) {
        String pk = CustomerKeys.segmentPk(segment);
        Map<String, AttributeValue> start = PageCursor.decode(cursor, MEMBER_KEY);
        if (start != null && (!pk.equals(start.get("pk").s()) || !start.get("sk").s().startsWith(CustomerKeys.CUSTOMER))) {
            throw Problem.invalid("cursor", "cursor is not one this API issued for segment " + segment + "; start again without it");
        }
        QueryResponse page = dynamo.query(r -> r.tableName(customers).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                .limit(limit).exclusiveStartKey(start));
        List<Member> members = page.items().stream().map(item -> new Member(
                item.get("sk").s().substring(CustomerKeys.CUSTOMER.length()),
                item.containsKey("joinedAt") ? item.get("joinedAt").s() : null)).toList();
        return new MemberPage(members, PageCursor.encode(page.lastEvaluatedKey(), MEMBER_KEY));
    }
}
