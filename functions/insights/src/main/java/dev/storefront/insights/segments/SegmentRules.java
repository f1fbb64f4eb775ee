package dev.storefront.insights.segments;

import dev.storefront.domain.customer.SegmentRule;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The shop's segment rules, one item each in the Customers table (pk {@code SEGMENT_RULE}, sk the
 * segment's name; {@code emailDomainEndsWith?, minOrders?, maxOrders?}). Read on every tagged
 * order, so a rule saved now applies to the next order without a deploy.
 */
@Singleton
public class SegmentRules {

    private final DynamoDbClient dynamo;
    private final String customers;
    private final Clock clock;

    SegmentRules(DynamoDbClient dynamo, @Property(name = "storefront.tables.customers") String customers, Clock clock) {
        this.dynamo = dynamo;
        this.customers = customers;
        this.clock = clock;
    }

    /** Every rule by segment name, in name order (one partition: a Query, never a Scan). */
    public Map<String, SegmentRule> all() {
        Map<String, SegmentRule> rules = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(customers).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CustomerKeys.RULES)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> rules.put(item.get("sk").s(), fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return rules;
    }

    public Optional<SegmentRule> find(String name) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(customers).key(CustomerKeys.rule(name)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Creates or replaces a segment's rule; true when the segment is new. */
    public boolean save(String name, SegmentRule rule) {
        Map<String, AttributeValue> item = new HashMap<>(CustomerKeys.rule(name));
        if (rule.emailDomainEndsWith() != null) {
            item.put("emailDomainEndsWith", AttributeValue.fromS(rule.emailDomainEndsWith()));
        }
        if (rule.minOrders() != null) {
            item.put("minOrders", AttributeValue.fromN(rule.minOrders().toString()));
        }
        if (rule.maxOrders() != null) {
            item.put("maxOrders", AttributeValue.fromN(rule.maxOrders().toString()));
        }
        item.put("updatedAt", AttributeValue.fromS(clock.instant().toString()));
        Map<String, AttributeValue> previous = dynamo.putItem(r -> r.tableName(customers).item(item).returnValues(ReturnValue.ALL_OLD)).attributes();
        return previous == null || previous.isEmpty();
    }

    private static SegmentRule fromItem(Map<String, AttributeValue> item) {
        return new SegmentRule(item.containsKey("emailDomainEndsWith") ? item.get("emailDomainEndsWith").s() : null,
                item.containsKey("minOrders") ? Integer.valueOf(item.get("minOrders").n()) : null,
                item.containsKey("maxOrders") ? Integer.valueOf(item.get("maxOrders").n()) : null);
    }
}
