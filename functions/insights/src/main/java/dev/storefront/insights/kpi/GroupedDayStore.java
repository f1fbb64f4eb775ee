package dev.storefront.insights.kpi;

import dev.storefront.domain.insights.DateRange;
import dev.storefront.domain.insights.DayCounters;
import dev.storefront.domain.insights.GroupBy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;

/**
 * The day counters split by channel and by campaign (docs/INSIGHTS.md, "Attribution"): the same
 * attributes as a day item, under pk {@code DAY#channel} / {@code DAY#campaign}, sk
 * {@code <yyyy-MM-dd>#<group>}, written in the same transaction as the event's marker (so counted
 * exactly once, as the totals are). A group's visitors are the distinct visitor ids with an event
 * of that group that day (marker pk {@code VISITOR#<day>#<visitorId>#<by>#<group>}, 15 days). A
 * group's customers are counted where they were acquired: the first order's group gains
 * {@code firstOrderCustomers}, and the second order adds {@code secondOrderCustomers} to the groups
 * of the first (so a group's repeat-purchase rate is of the customers it brought). An order also
 * adds {@code firstTouchOrders} and {@code firstTouchRevenue_<CUR>} to its first touch's groups.
 */
@Singleton
class GroupedDayStore {

    static final String FIRST_TOUCH_ORDERS = "firstTouchOrders";
    static final String FIRST_TOUCH_REVENUE_PREFIX = "firstTouchRevenue_";

    /** One group's day item. */
    record GroupDay(GroupBy by, String group, java.time.LocalDate day) {
        String pk() {
            return pk(by);
        }

        String sk() {
            return day + "#" + group;
        }

        static String pk(GroupBy by) {
            return KpiTable.DAY_PK + "#" + by.parameter();
        }
    }

    /** The counters of one group over the days up to a range's end, and its first-touch orders and revenue in the range. */
    record GroupCounters(String group, List<DayCounters> days, long firstTouchOrders, Map<String, Long> firstTouchRevenue) {
    }

    private final DynamoDbClient dynamo;
    private final String table;

    GroupedDayStore(DynamoDbClient dynamo, InsightsTables tables) {
        this.dynamo = dynamo;
        this.table = tables.insights();
    }

    /**
     * The writes that add the event's effect to its groups: its counters to its touch's channel and
     * campaign, a visitor new to a group that day (unless capped), customers where they were acquired.
     *
     * @param countsVisitor the event's visitor is counted in the totals' visitors today (not capped)
     * @param customer      the ordering customer's orders before this one, or null
     */
    List<TransactWriteItem> writes(DayEffect effect, boolean countsVisitor, CustomerOrders customer, long expires) {
        if (effect.touch == null) {
            return List.of();
        }
        Map<GroupDay, Map<String, Long>> adds = new LinkedHashMap<>();
        List<TransactWriteItem> writes = new ArrayList<>();
        for (GroupBy by : GroupBy.values()) {
            GroupDay day = new GroupDay(by, effect.touch.group(by), effect.day);
            Map<String, Long> counters = adds.computeIfAbsent(day, d -> new TreeMap<>());
            effect.adds.forEach((name, amount) -> counters.merge(name, amount, Long::sum));
            if (effect.visitorId != null && countsVisitor) {
                Map<String, AttributeValue> marker = key("VISITOR#" + effect.day + "#" + effect.visitorId + "#" + by.parameter() + "#" + day.group(), "DAY");
                if (!exists(marker)) {
                    Map<String, AttributeValue> item = new HashMap<>(marker);
                    item.put("ttl", n(expires));
                    writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")).build());
                    counters.merge(DayEffect.VISITORS, 1L, Long::sum);
                }
            }
            if (customer != null && customer.count() == 0) {
                counters.merge(DayEffect.FIRST_ORDER_CUSTOMERS, 1L, Long::sum);
            } else if (customer != null && customer.count() == 1) {
                adds.computeIfAbsent(new GroupDay(by, customer.firstTouch().group(by), effect.day), d -> new TreeMap<>())
                        .merge(DayEffect.SECOND_ORDER_CUSTOMERS, 1L, Long::sum);
            }
            if (effect.firstTouch != null && effect.placedOrder != null) {
                Map<String, Long> first = adds.computeIfAbsent(new GroupDay(by, effect.firstTouch.group(by), effect.day), d -> new TreeMap<>());
                first.merge(FIRST_TOUCH_ORDERS, 1L, Long::sum);
                first.merge(FIRST_TOUCH_REVENUE_PREFIX + effect.placedOrder.currency(), effect.placedOrder.total(), Long::sum);
            }
        }
        adds.forEach((day, counters) -> {
            if (!counters.isEmpty()) {
                writes.add(KpiTable.addTo(table, key(day.pk(), day.sk()), counters));
            }
        });
        return writes;
    }

    /** Every group's counters of every day up to the range's end, in one Query (paginated). */
    List<GroupCounters> countedUpTo(GroupBy by, DateRange range) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk < :after")
                .expressionAttributeValues(Map.of(":pk", s(GroupDay.pk(by)), ":after", s(range.to().plusDays(1).toString())))
                .build();
        Map<String, List<DayCounters>> days = new TreeMap<>();
        Map<String, long[]> firstTouchOrders = new HashMap<>();
        Map<String, Map<String, Long>> firstTouchRevenue = new HashMap<>();
        dynamo.queryPaginator(query).items().forEach(item -> {
            String sk = item.get("sk").s();
            String date = sk.substring(0, 10);
            String group = sk.substring(11);
            Map<String, AttributeValue> dayItem = new HashMap<>(item);
            dayItem.put("sk", s(date));
            DayCounters counters = KpiTable.counters(dayItem);
            days.computeIfAbsent(group, g -> new ArrayList<>()).add(counters);
            Map<String, Long> revenue = firstTouchRevenue.computeIfAbsent(group, g -> new TreeMap<>());
            long[] orders = firstTouchOrders.computeIfAbsent(group, g -> new long[1]);
            if (!counters.date().isBefore(range.from())) {
                item.forEach((name, value) -> {
                    if (name.equals(FIRST_TOUCH_ORDERS)) {
                        orders[0] += Long.parseLong(value.n());
                    } else if (name.startsWith(FIRST_TOUCH_REVENUE_PREFIX)) {
                        revenue.merge(name.substring(FIRST_TOUCH_REVENUE_PREFIX.length()), Long.parseLong(value.n()), Long::sum);
                    }
                });
            }
        });
        List<GroupCounters> groups = new ArrayList<>();
        days.forEach((group, list) -> groups.add(new GroupCounters(group, list, firstTouchOrders.get(group)[0], firstTouchRevenue.get(group))));
        return groups;
    }

    private boolean exists(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }
}
