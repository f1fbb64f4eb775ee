package dev.storefront.insights.kpi;

import dev.storefront.domain.insights.DateRange;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;

/**
 * What campaigns cost, as admins record it (PUT /admin/campaigns/{campaignId}). Items of InsightsTable:
 * <ul>
 *   <li>campaign: pk {@code CAMPAIGN}, sk {@code <campaignId>}: {@code name}, {@code updatedAt};</li>
 *   <li>spend: pk {@code CAMPAIGN_SPEND}, sk {@code <yyyy-MM-dd>#<campaignId>#<CUR>}: {@code amount}
 *       (minor units), so a range's spend of every campaign is one Query.</li>
 * </ul>
 * A day's spend in a currency is replaced by the next PUT that names that day and currency.
 */
@Singleton
class CampaignSpendStore {

    private static final String CAMPAIGN_PK = "CAMPAIGN";
    private static final String SPEND_PK = "CAMPAIGN_SPEND";
    private static final int BATCH = 25;

    /** One day's spend in one currency. */
    record Spend(LocalDate date, long amount, String currency) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    CampaignSpendStore(DynamoDbClient dynamo, InsightsTables tables, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.insights();
        this.clock = clock;
    }

    /** Names the campaign and sets the given days' spend; true when the campaign is new. */
    boolean save(String campaignId, String name, List<Spend> spend) {
        Map<String, AttributeValue> campaign = new HashMap<>(Map.of("pk", s(CAMPAIGN_PK), "sk", s(campaignId),
                "name", s(name), "updatedAt", s(clock.instant().toString())));
        Map<String, AttributeValue> old = dynamo.putItem(r -> r.tableName(table).item(campaign).returnValues(ReturnValue.ALL_OLD)).attributes();
        List<WriteRequest> writes = new ArrayList<>();
        for (Spend day : spend) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    "pk", s(SPEND_PK), "sk", s(day.date() + "#" + campaignId + "#" + day.currency()),
                    "amount", n(day.amount()))).build()).build());
        }
        for (int from = 0; from < writes.size(); from += BATCH) {
            List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + BATCH));
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            // Unprocessed items come back under throttling: write them again until none is left.
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
            }
        }
        return old == null || old.isEmpty();
    }

    /** Every campaign's name by campaignId. */
    Map<String, String> names() {
        QueryRequest query = QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(CAMPAIGN_PK))).build();
        Map<String, String> names = new TreeMap<>();
        dynamo.queryPaginator(query).items().forEach(item -> names.put(item.get("sk").s(), item.get("name").s()));
        return names;
    }

    /** The spend of every campaign over the range: campaignId to currency to minor units. */
    Map<String, Map<String, Long>> spendIn(DateRange range) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(SPEND_PK), ":from", s(range.from().toString()), ":to", s(range.to() + "#~")))
                .build();
        Map<String, Map<String, Long>> spend = new TreeMap<>();
        dynamo.queryPaginator(query).items().forEach(item -> {
            String[] parts = item.get("sk").s().split("#");
            spend.computeIfAbsent(parts[1], c -> new TreeMap<>()).merge(parts[2], Long.parseLong(item.get("amount").n()), Long::sum);
        });
        return spend;
    }
}
