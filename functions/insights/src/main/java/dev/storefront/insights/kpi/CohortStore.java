package dev.storefront.insights.kpi;

import dev.storefront.domain.insights.Cohort;
import dev.storefront.domain.insights.MonthRange;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.storefront.aws.Attributes.s;

/**
 * Cohort counters (docs/INSIGHTS.md, "Cohorts"): pk {@code COHORT}, sk {@code yyyy-MM} (the UTC month
 * of customers' first orders), {@code customers} and {@code within30}/{@code within60}/{@code within90}
 * (of them, second orders within that many days). Kept from the order facts per customer
 * (CustomerOrders: when the first order was placed), in the order.placed's transaction, so a month
 * is read with one Query and no order is ever scanned.
 */
@Singleton
class CohortStore {

    static final String PK = "COHORT";
    static final String CUSTOMERS = "customers";
    static final String WITHIN_PREFIX = "within";

    private final DynamoDbClient dynamo;
    private final String table;

    CohortStore(DynamoDbClient dynamo, InsightsTables tables) {
        this.dynamo = dynamo;
        this.table = tables.insights();
    }

    /**
     * What a signed-in customer's order adds: a first order, a customer in its month; a second, its
     * windows in the first order's month. When the second to arrive was placed before the first
     * (the queue keeps no order), the customer moves to the earlier order's month.
     */
    List<TransactWriteItem> writes(DayEffect effect, CustomerOrders customer) {
        if (effect.placedOrder == null || customer == null) {
            return List.of();
        }
        Instant placed = effect.placedOrder.placedAt();
        Map<YearMonth, Map<String, Long>> adds = new TreeMap<>();
        if (customer.count() == 0) {
            add(adds, Cohort.monthOf(placed), CUSTOMERS, 1);
        } else if (customer.count() == 1 && customer.firstOrderAt() != null) {
            Instant stored = customer.firstOrderAt();
            Instant first = placed.isBefore(stored) ? placed : stored;
            Instant second = placed.isBefore(stored) ? stored : placed;
            if (!Cohort.monthOf(first).equals(Cohort.monthOf(stored))) {
                add(adds, Cohort.monthOf(stored), CUSTOMERS, -1);
                add(adds, Cohort.monthOf(first), CUSTOMERS, 1);
            }
            for (int window : Cohort.windowsOf(first, second)) {
                add(adds, Cohort.monthOf(first), WITHIN_PREFIX + window, 1);
            }
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        adds.forEach((month, counters) -> writes.add(KpiTable.addTo(table, Map.of("pk", s(PK), "sk", s(month.toString())), counters)));
        return writes;
    }

    /** The range's cohorts, months without first orders included as zeros: one Query. */
    List<Cohort> cohorts(MonthRange range) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(PK), ":from", s(range.from().toString()), ":to", s(range.to().toString())))
                .build();
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        dynamo.queryPaginator(query).items().forEach(item -> items.put(item.get("sk").s(), item));
        List<Cohort> cohorts = new ArrayList<>();
        for (YearMonth month : range.months()) {
            Map<String, AttributeValue> item = items.getOrDefault(month.toString(), Map.of());
            cohorts.add(new Cohort(month, number(item, CUSTOMERS), number(item, WITHIN_PREFIX + 30), number(item, WITHIN_PREFIX + 60),
                    number(item, WITHIN_PREFIX + 90)));
        }
        return cohorts;
    }

    private static void add(Map<YearMonth, Map<String, Long>> adds, YearMonth month, String counter, long amount) {
        adds.computeIfAbsent(month, m -> new TreeMap<>()).merge(counter, amount, Long::sum);
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }
}
