package dev.storefront.insights.kpi;

import dev.storefront.domain.insights.DateRange;
import dev.storefront.domain.insights.DayCounters;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;

/**
 * The KPI items of InsightsTable:
 * <ul>
 *   <li>day: pk {@code DAY}, sk {@code yyyy-MM-dd} (UTC), one number attribute per counter;</li>
 *   <li>processed event: pk {@code EVENT#<eventId>}, sk {@code KPI}, expires after 15 days;</li>
 *   <li>visitor-day: pk {@code VISITOR#<day>#<visitorId>}, sk {@code DAY}, expires after 15 days;</li>
 *   <li>order facts: pk {@code ORDER#<orderId>}, sk {@code FACTS} (placedAt, currency, total, customerId, discountCode), expires after 400 days;</li>
 *   <li>customer orders: pk {@code CUSTOMER#<sub>}, sk {@code ORDERS}, {@code count};</li>
 *   <li>source-hour: pk {@code SOURCE#<yyyy-MM-ddTHH>#<sourceId>}, sk {@code VISITORS}, {@code count} of the
 *       visitor ids first seen from that source that hour, expires after 15 days.</li>
 * </ul>
 * An event's effect is one TransactWriteItems whose first item is the processed-event marker, put
 * only if absent: a duplicate cancels the whole transaction, so nothing is counted twice.
 */
@Singleton
class KpiTable {

    static final String DAY_PK = "DAY";
    /** Longer than the queue's 14-day retention: a duplicate can arrive as late as a message can. */
    static final Duration MARKER_LIFETIME = Duration.ofDays(15);
    static final Duration ORDER_FACTS_LIFETIME = Duration.ofDays(400);
    private static final int ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(KpiTable.class);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final long visitorsPerSourceHour;
    private final GroupedDayStore groups;
    private final CohortStore cohorts;

    /**
     * @param visitorsPerSourceHour how many new visitor ids one source address may add to the
     *                              visitors of an hour; the ones past it count as visitorsCapped
     */
    KpiTable(DynamoDbClient dynamo, InsightsTables tables, Clock clock, GroupedDayStore groups, CohortStore cohorts,
             @Value("${storefront.insights.visitors-per-source-hour:30}") long visitorsPerSourceHour) {
        this.groups = groups;
        this.cohorts = cohorts;
        this.dynamo = dynamo;
        this.table = tables.insights();
        this.clock = clock;
        this.visitorsPerSourceHour = visitorsPerSourceHour;
    }

    /**
     * Writes the effect once. What depends on the table (is the visitor new today, how many orders
     * had the customer) is read first and guarded by a condition in the transaction; when a
     * concurrent event changed it, the transaction is cancelled and tried again with fresh reads.
     */
    void record(DayEffect effect) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            List<TransactWriteItem> writes = new ArrayList<>();
            Map<String, Long> adds = new TreeMap<>(effect.adds);
            long expires = clock.instant().plus(MARKER_LIFETIME).getEpochSecond();
            writes.add(putIfAbsent(key("EVENT#" + effect.eventId, "KPI"), Map.of("ttl", n(expires))));
            Map<String, AttributeValue> visitorDay = effect.visitorId == null ? null : read(key(visitorPk(effect), "DAY"));
            // A group counts the visitors the totals count: not the capped ones.
            boolean countsVisitor = visitorDay != null && !visitorDay.isEmpty() && !visitorDay.containsKey("capped");
            if (effect.visitorId != null && (visitorDay == null || visitorDay.isEmpty())) {
                long fromSource = effect.sourceId == null ? 0 : sourceVisitors(effect);
                countsVisitor = fromSource < visitorsPerSourceHour;
                // Marked either way, so a capped visitor's later events do not count it again.
                writes.add(putIfAbsent(key(visitorPk(effect), "DAY"), countsVisitor ? Map.of("ttl", n(expires))
                        : Map.of("ttl", n(expires), "capped", AttributeValue.fromBool(true))));
                if (!countsVisitor) {
                    adds.merge(DayEffect.VISITORS_CAPPED, 1L, Long::sum);
                } else {
                    if (effect.sourceId != null) {
                        writes.add(countSourceVisitor(effect, fromSource, expires));
                    }
                    adds.merge(DayEffect.VISITORS, 1L, Long::sum);
                }
            }
            CustomerOrders customer = effect.orderingCustomer == null ? null : customerOrders(effect.orderingCustomer);
            if (customer != null) {
                long orders = customer.count();
                writes.add(countOrder(effect, customer));
                if (orders == 0) {
                    adds.merge(DayEffect.FIRST_ORDER_CUSTOMERS, 1L, Long::sum);
                } else if (orders == 1) {
                    adds.merge(DayEffect.SECOND_ORDER_CUSTOMERS, 1L, Long::sum);
                }
            }
            if (effect.placedOrder != null) {
                Map<String, AttributeValue> facts = facts(effect.placedOrder);
                AttributionStore.tag(facts, new AttributionStore.Touches(effect.firstTouch, effect.touch));
                writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(facts)).build());
            }
            if (!adds.isEmpty()) {
                writes.add(addTo(table, key(DAY_PK, effect.day.toString()), adds));
            }
            writes.addAll(groups.writes(effect, countsVisitor, customer, expires));
            writes.addAll(cohorts.writes(effect, customer));
            try {
                dynamo.transactWriteItems(r -> r.transactItems(writes));
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                    LOG.info("Event already counted, skipped");
                    return;
                }
                LOG.info("KPI write of the event cancelled ({}), attempt {} of {}", reasonCodes(reasons), attempt, ATTEMPTS);
            }
        }
        throw new IllegalStateException("KPI write cancelled " + ATTEMPTS + " times by concurrent events; redelivery will retry");
    }

    /** When the order was placed, if its order.placed was recorded. */
    Optional<Instant> placedAt(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key("ORDER#" + orderId, "FACTS")).consistentRead(true)).item();
        return item == null || !item.containsKey("placedAt") ? Optional.empty() : Optional.of(Instant.parse(item.get("placedAt").s()));
    }

    /** Counters of every day up to the range's end (the repeat-purchase rate needs all of them), in one Query. */
    List<DayCounters> countedUpTo(DateRange range) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk <= :to")
                .expressionAttributeValues(Map.of(":pk", s(DAY_PK), ":to", s(range.to().toString())))
                .build();
        List<DayCounters> days = new ArrayList<>();
        dynamo.queryPaginator(query).items().forEach(item -> days.add(counters(item)));
        return days;
    }

    static DayCounters counters(Map<String, AttributeValue> item) {
        TreeMap<String, Long> revenue = new TreeMap<>();
        TreeMap<String, Long> netRevenue = new TreeMap<>();
        TreeMap<String, Long> orders = new TreeMap<>();
        TreeMap<Long, Long> shipped = new TreeMap<>();
        TreeMap<String, Long> refunds = new TreeMap<>();
        TreeMap<String, Long> refundsNet = new TreeMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith(DayEffect.REFUNDS_NET_PREFIX)) {
                refundsNet.put(name.substring(DayEffect.REFUNDS_NET_PREFIX.length()), Long.parseLong(value.n()));
            } else if (name.startsWith(DayEffect.REFUNDS_PREFIX)) {
                refunds.put(name.substring(DayEffect.REFUNDS_PREFIX.length()), Long.parseLong(value.n()));
            } else if (name.startsWith(DayEffect.REVENUE_PREFIX)) {
                revenue.put(name.substring(DayEffect.REVENUE_PREFIX.length()), Long.parseLong(value.n()));
            } else if (name.startsWith(DayEffect.NET_REVENUE_PREFIX)) {
                netRevenue.put(name.substring(DayEffect.NET_REVENUE_PREFIX.length()), Long.parseLong(value.n()));
            } else if (name.startsWith(DayEffect.ORDERS_PREFIX)) {
                orders.put(name.substring(DayEffect.ORDERS_PREFIX.length()), Long.parseLong(value.n()));
            } else if (name.startsWith(DayEffect.SHIPPED_AFTER_PREFIX)) {
                shipped.put(Long.parseLong(name.substring(DayEffect.SHIPPED_AFTER_PREFIX.length())), Long.parseLong(value.n()));
            }
        });
        return new DayCounters(LocalDate.parse(item.get("sk").s()),
                counter(item, DayEffect.VISITORS), counter(item, DayEffect.PRODUCT_VIEWS), counter(item, DayEffect.CARTS_CREATED),
                counter(item, DayEffect.CHECKOUTS_STARTED), counter(item, DayEffect.CHECKOUTS_FAILED), counter(item, DayEffect.ORDERS_PLACED),
                counter(item, DayEffect.PAYMENTS_FAILED), counter(item, DayEffect.FULFILMENTS_REQUESTED), counter(item, DayEffect.ORDERS_REJECTED),
                counter(item, DayEffect.ORDERS_SHIPPED), counter(item, DayEffect.RETENTION_CONVERSIONS),
                counter(item, DayEffect.FIRST_ORDER_CUSTOMERS), counter(item, DayEffect.SECOND_ORDER_CUSTOMERS),
                revenue, orders, shipped, counter(item, DayEffect.VISITORS_CAPPED), counter(item, DayEffect.PAYMENT_ATTEMPTS_BLOCKED),
                netRevenue, counter(item, DayEffect.SEARCHES), counter(item, DayEffect.SEARCHES_WITHOUT_RESULTS),
                counter(item, DayEffect.RETURNS_REQUESTED), refunds, refundsNet);
    }

    private static long counter(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    /** ADDs each counter to the item (created by the first ADD), as one transaction item. */
    static TransactWriteItem addTo(String table, Map<String, AttributeValue> key, Map<String, Long> adds) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> terms = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> add : adds.entrySet()) {
            names.put("#a" + i, add.getKey());
            values.put(":a" + i, n(add.getValue()));
            terms.add("#a" + i + " :a" + i);
            i++;
        }
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key)
                .updateExpression("ADD " + String.join(", ", terms))
                .expressionAttributeNames(names).expressionAttributeValues(values)).build();
    }

    /**
     * Sets the customer's order count from what was read to one more, only if it is still what was
     * read; the first order also leaves when it was placed and its last touch (CustomerOrders).
     */
    private TransactWriteItem countOrder(DayEffect effect, CustomerOrders customer) {
        long read = customer.count();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":next", n(read + 1)));
        String set = "SET #count = :next";
        if (read == 0) {
            Touch touch = effect.touch == null ? Touch.UNATTRIBUTED : effect.touch;
            set += ", firstOrderAt = :at, firstChannel = :channel, firstCampaign = :campaign";
            values.putAll(Map.of(":at", s(effect.placedOrder.placedAt().toString()), ":channel", s(touch.channel()), ":campaign", s(touch.campaign())));
        } else {
            values.put(":read", n(read));
            if (read == 1 && customer.firstOrderAt() != null) {
                // The two orders as placed, whichever arrived first (CohortStore moves the customer's month to match).
                Instant placed = effect.placedOrder.placedAt();
                boolean earlier = placed.isBefore(customer.firstOrderAt());
                set += ", firstOrderAt = :first, secondOrderAt = :second";
                values.put(":first", s((earlier ? placed : customer.firstOrderAt()).toString()));
                values.put(":second", s((earlier ? customer.firstOrderAt() : placed).toString()));
            }
        }
        String update = set;
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key("CUSTOMER#" + effect.orderingCustomer, "ORDERS"))
                .updateExpression(update)
                .conditionExpression(read == 0 ? "attribute_not_exists(#count)" : "#count = :read")
                .expressionAttributeNames(Map.of("#count", "count"))
                .expressionAttributeValues(values))
                .build();
    }

    /** Sets the source-hour's visitor count from what was read to one more, only if it is still what was read. */
    private TransactWriteItem countSourceVisitor(DayEffect effect, long read, long expires) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key(sourcePk(effect), "VISITORS"))
                .updateExpression("SET #count = :next, #ttl = :ttl")
                .conditionExpression(read == 0 ? "attribute_not_exists(#count)" : "#count = :read")
                .expressionAttributeNames(Map.of("#count", "count", "#ttl", "ttl"))
                .expressionAttributeValues(read == 0 ? Map.of(":next", n(1), ":ttl", n(expires))
                        : Map.of(":next", n(read + 1), ":read", n(read), ":ttl", n(expires))))
                .build();
    }

    private long sourceVisitors(DayEffect effect) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(sourcePk(effect), "VISITORS")).consistentRead(true)).item();
        return item == null ? 0 : counter(item, "count");
    }

    private static String sourcePk(DayEffect effect) {
        return "SOURCE#" + effect.hour + "#" + effect.sourceId;
    }

    private CustomerOrders customerOrders(String customerId) {
        Map<String, AttributeValue> item = read(key("CUSTOMER#" + customerId, "ORDERS"));
        if (item == null || item.isEmpty()) {
            return CustomerOrders.NONE;
        }
        return new CustomerOrders(counter(item, "count"),
                item.containsKey("firstOrderAt") ? Instant.parse(item.get("firstOrderAt").s()) : null,
                new Touch(item.containsKey("firstChannel") ? item.get("firstChannel").s() : null,
                        item.containsKey("firstCampaign") ? item.get("firstCampaign").s() : null));
    }

    private Map<String, AttributeValue> read(Map<String, AttributeValue> key) {
        return dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    }

    private Map<String, AttributeValue> facts(DayEffect.OrderFacts order) {
        Map<String, AttributeValue> item = new HashMap<>(key("ORDER#" + order.orderId(), "FACTS"));
        item.put("placedAt", s(order.placedAt().toString()));
        item.put("currency", s(order.currency()));
        item.put("total", n(order.total()));
        if (order.customerId() != null) {
            item.put("customerId", s(order.customerId()));
        }
        if (order.discountCode() != null) {
            item.put("discountCode", s(order.discountCode()));
            item.put("retentionCoupon", AttributeValue.fromBool(order.discountCode().startsWith(DailyKpiRecorder.RETENTION_COUPON_PREFIX)));
        }
        item.put("ttl", n(clock.instant().plus(ORDER_FACTS_LIFETIME).getEpochSecond()));
        return item;
    }

    private TransactWriteItem putIfAbsent(Map<String, AttributeValue> key, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.putAll(attributes);
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")).build();
    }

    private static String visitorPk(DayEffect effect) {
        return "VISITOR#" + effect.day + "#" + effect.visitorId;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static List<String> reasonCodes(List<CancellationReason> reasons) {
        return reasons.stream().map(CancellationReason::code).toList();
    }
}
