package dev.storefront.audit;

import dev.storefront.aws.PageCursor;
import dev.storefront.domain.Problem;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;
import static dev.storefront.aws.Attributes.text;

/**
 * The Audit table, its one owner. Every entry sits in one partition ({@code log = admin}) sorted by
 * time: admin writes are a few a minute, far below one partition's 1,000 writes/s, and one Query
 * then answers any time range newest first. Entries of writes on an order also carry its
 * {@code orderId}, keying the sparse {@code byOrder} index that the order's timeline reads. Entries expire after {@link #KEPT} (TTL).
 */
@Singleton
public class AuditLog {

    public static final Duration KEPT = Duration.ofDays(400);
    /** Longest before/after summary kept, in characters. */
    public static final int MAX_SUMMARY = 1000;

    static final String PARTITION = "admin";
    private static final List<String> KEY = List.of("log", "sk");
    /** Fixed width, so the sort key orders as time does (Instant.toString drops trailing zeros). */
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String table;

    public AuditLog(DynamoDbClient dynamo, AuditTables tables) {
        this.dynamo = dynamo;
        this.table = tables.audit();
    }

    /** False in a function the template gives no Audit table (nothing is recorded there). */
    public boolean available() {
        return table != null && !table.isBlank();
    }

    public void record(AuditEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("log", s(PARTITION));
        item.put("sk", s(AT.format(entry.at()) + "#" + entry.requestId()));
        item.put("at", s(entry.at().toString()));
        item.put("actor", s(entry.actor()));
        item.put("action", s(entry.action()));
        item.put("target", s(entry.target()));
        item.put("requestId", s(entry.requestId()));
        if (entry.before() != null) {
            item.put("before", s(bounded(entry.before())));
        }
        if (entry.after() != null) {
            item.put("after", s(bounded(entry.after())));
        }
        item.put("expiresAt", n(entry.at().plus(KEPT).getEpochSecond()));
        orderOf(entry.target()).ifPresent(orderId -> item.put("orderId", s(orderId)));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    public record Page(List<AuditEntry> items, String nextCursor) {
    }

    /** Entries with {@code from <= at <= to}, newest first; a cursor from an earlier page of the same range. */
    public Page page(Instant from, Instant to, int limit, String cursor) {
        String low = AT.format(from);
        String high = AT.format(to) + "#\uffff";
        Map<String, AttributeValue> start = PageCursor.decode(cursor, KEY, Map.of("log", PARTITION));
        if (start != null) {
            String sk = start.get("sk").s();
            if (sk.compareTo(low) < 0 || sk.compareTo(high) > 0) {
                throw Problem.invalid("cursor", "cursor belongs to another time range; start again without it");
            }
        }
        QueryResponse page = dynamo.query(r -> r.tableName(table)
                .keyConditionExpression("#log = :log AND sk BETWEEN :low AND :high")
                .expressionAttributeNames(Map.of("#log", "log"))
                .expressionAttributeValues(Map.of(":log", s(PARTITION), ":low", s(low), ":high", s(high)))
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(start));
        List<AuditEntry> items = page.items().stream().map(AuditLog::entry).toList();
        return new Page(items, PageCursor.encode(page.lastEvaluatedKey(), KEY));
    }

    /** Most entries an order's timeline shows (the oldest ones). */
    public static final int MAX_PER_ORDER = 200;

    /** The entries of writes on one order ({@code /admin/orders/{orderId}/...}), oldest first, through the sparse byOrder index. */
    public List<AuditEntry> ofOrder(String orderId) {
        return dynamo.query(r -> r.tableName(table).indexName("byOrder")
                        .keyConditionExpression("orderId = :o")
                        .expressionAttributeValues(Map.of(":o", s(orderId)))
                        .limit(MAX_PER_ORDER))
                .items().stream().map(AuditLog::entry).toList();
    }

    /** The order a write was on, from its path: {@code /admin/orders/<32 hex digits>} and below. */
    static java.util.Optional<String> orderOf(String target) {
        java.util.regex.Matcher m = ORDER_TARGET.matcher(target == null ? "" : target);
        return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private static final java.util.regex.Pattern ORDER_TARGET = java.util.regex.Pattern.compile("/admin/orders/([0-9a-f]{32})(/.*)?");

    private static AuditEntry entry(Map<String, AttributeValue> item) {
        return new AuditEntry(Instant.parse(text(item, "at")), text(item, "actor"), text(item, "action"), text(item, "target"),
                text(item, "requestId"), text(item, "before"), text(item, "after"));
    }

    private static String bounded(String summary) {
        return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
    }
}
