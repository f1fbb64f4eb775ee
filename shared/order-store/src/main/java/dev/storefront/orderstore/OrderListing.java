package dev.storefront.orderstore;

import dev.storefront.aws.PageCursor;
import dev.storefront.domain.Problem;
import dev.storefront.domain.order.OrderFilter;
import dev.storefront.domain.order.OrderId;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.OrderSummary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.storefront.orderstore.OrderItems.s;

/**
 * The order desk's list, newest first, through indexes only: {@code byStatus} (status, createdAt)
 * for one status, {@code byEmail} (emailKey, createdAt) for one shopper (its status, if asked, is
 * filtered within that shopper's orders alone), and for every status each partition of
 * {@code byStatus} read side by side and merged. The date range is the sort key's condition.
 *
 * <p>The cursor is the position of the last order answered (createdAt, orderId), not a DynamoDB
 * start key, so one cursor serves a merge of ten partitions. {@code createdAt} is stored as
 * {@link Instant#toString()}, whose width varies within a second (trailing zeros are dropped); the
 * key conditions therefore bound whole seconds and the exact order is settled in memory, reading on
 * until an older second shows that nothing newer is left unread.
 */
@Requires(property = "storefront.tables.orders")
@Singleton
public class OrderListing {

    static final String BY_STATUS = "byStatus";
    static final String BY_EMAIL = "byEmail";
    private static final List<String> CURSOR = List.of("createdAt", "orderId");
    private static final Comparator<OrderSummary> NEWEST_FIRST = Comparator.comparing(OrderSummary::createdAt)
            .thenComparing(OrderSummary::orderId).reversed();

    private final DynamoDbClient dynamo;
    private final String orders;

    public OrderListing(DynamoDbClient dynamo, OrderTables tables) {
        this.dynamo = dynamo;
        this.orders = tables.orders();
    }

    public record Page(List<OrderSummary> items, String nextCursor) {
    }

    private record Position(Instant createdAt, String orderId) {
        boolean isAfter(OrderSummary o) {
            int byTime = o.createdAt().compareTo(createdAt);
            return byTime < 0 || byTime == 0 && o.orderId().compareTo(orderId) < 0;
        }
    }

    public Page list(OrderFilter filter, int limit, String cursor) {
        Position after = position(cursor, filter);
        List<QueryRequest> partitions = new ArrayList<>();
        if (filter.email() != null) {
            partitions.add(partition(BY_EMAIL, "emailKey", OrderFilter.emailKey(filter.email()), filter.status(), filter, after));
        } else {
            List<OrderStatus> statuses = filter.status() == null ? List.of(OrderStatus.values()) : List.of(filter.status());
            statuses.forEach(status -> partitions.add(partition(BY_STATUS, "status", status.name(), null, filter, after)));
        }
        List<OrderSummary> merged = new ArrayList<>();
        partitions.forEach(query -> merged.addAll(newest(query, filter, after, limit + 1)));
        merged.sort(NEWEST_FIRST);
        if (merged.size() <= limit) {
            return new Page(List.copyOf(merged), null);
        }
        List<OrderSummary> page = List.copyOf(merged.subList(0, limit));
        OrderSummary last = page.get(page.size() - 1);
        return new Page(page, PageCursor.encode(Map.of("createdAt", s(last.createdAt().toString()), "orderId", s(last.orderId())), CURSOR));
    }

    /** At least the {@code wanted} newest orders of one partition past the position (all of them when fewer). */
    private List<OrderSummary> newest(QueryRequest query, OrderFilter filter, Position after, int wanted) {
        List<OrderSummary> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(query.toBuilder().exclusiveStartKey(start).limit(wanted).build());
            String lastSecond = null;
            for (Map<String, AttributeValue> item : page.items()) {
                OrderSummary order = OrderItems.summary(item);
                lastSecond = second(item.get("createdAt").s());
                if (filter.contains(order.createdAt()) && (after == null || after.isAfter(order))) {
                    found.add(order);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            if (found.size() >= wanted && lastSecond != null) {
                found.sort(NEWEST_FIRST);
                if (lastSecond.compareTo(second(found.get(wanted - 1).createdAt().toString())) < 0) {
                    return found;
                }
            }
        } while (start != null);
        return found;
    }

    /** One partition of an index, newest first, bounded by the range and the position; {@code within}: one status only. */
    private QueryRequest partition(String index, String key, String value, OrderStatus within, OrderFilter filter, Position after) {
        Map<String, String> names = new HashMap<>(Map.of("#key", key));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":key", s(value)));
        String low = filter.from() == null ? null : second(filter.from().toString());
        String high = filter.to() == null ? null : second(filter.to().toString());
        if (after != null) {
            // The whole second of the position: a shorter string of the same second sorts after a longer one.
            String upTo = second(after.createdAt().toString()) + "Z";
            high = high == null || upTo.compareTo(high) < 0 ? upTo : high;
        }
        String condition = "#key = :key";
        if (low != null && high != null) {
            condition += " AND createdAt BETWEEN :low AND :high";
            values.put(":low", s(low));
            values.put(":high", s(high));
        } else if (low != null) {
            condition += " AND createdAt >= :low";
            values.put(":low", s(low));
        } else if (high != null) {
            condition += " AND createdAt <= :high";
            values.put(":high", s(high));
        }
        QueryRequest.Builder query = QueryRequest.builder().tableName(orders).indexName(index)
                .keyConditionExpression(condition)
                .scanIndexForward(false);
        if (within != null) {
            // Within one shopper's partition only: never a filter over the table.
            query.filterExpression("#status = :status");
            names.put("#status", "status");
            values.put(":status", s(within.name()));
        }
        return query.expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /** The first 19 characters of an ISO instant, {@code 2026-12-01T10:00:00}: lexical order is time order. */
    private static String second(String instant) {
        return instant.substring(0, 19);
    }

    private static Position position(String cursor, OrderFilter filter) {
        Map<String, AttributeValue> key = PageCursor.decode(cursor, CURSOR);
        if (key == null) {
            return null;
        }
        try {
            Position position = new Position(Instant.parse(key.get("createdAt").s()), key.get("orderId").s());
            if (OrderId.isValid(position.orderId()) && filter.contains(position.createdAt())) {
                return position;
            }
        } catch (DateTimeException e) {
            // Falls through to the refusal.
        }
        throw Problem.invalid("cursor", "cursor is not one this API issued for these filters; start again without it");
    }
}
