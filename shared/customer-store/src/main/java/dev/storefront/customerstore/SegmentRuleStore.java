package dev.storefront.customerstore;

import dev.storefront.domain.customer.SegmentRule;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.storefront.aws.Attributes.s;

/**
 * The shop's segment rules, one item each in the Customers table ({@link CustomerItems}). Read on
 * every tagged order, so a rule saved now applies to the next order without a deploy.
 */
@Singleton
public class SegmentRuleStore {

    private final DynamoDbClient dynamo;
    private final String customers;
    private final Clock clock;

    SegmentRuleStore(DynamoDbClient dynamo, CustomerTables tables, Clock clock) {
        this.dynamo = dynamo;
        this.customers = tables.customers();
        this.clock = clock;
    }

    /** Every rule by segment name, in name order (one partition: a Query, never a Scan). */
    public Map<String, SegmentRule> all() {
        Map<String, SegmentRule> rules = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(customers).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(CustomerItems.RULES)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> rules.put(item.get("sk").s(), CustomerItems.ruleFromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return rules;
    }

    public Optional<SegmentRule> find(String name) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(customers).key(CustomerItems.rule(name)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(CustomerItems.ruleFromItem(item));
    }

    /** Creates or replaces a segment's rule; true when the segment is new. */
    public boolean save(String name, SegmentRule rule) {
        Map<String, AttributeValue> item = CustomerItems.ruleItem(name, rule, clock.instant().toString());
        Map<String, AttributeValue> previous = dynamo.putItem(r -> r.tableName(customers).item(item).returnValues(ReturnValue.ALL_OLD)).attributes();
        return previous == null || previous.isEmpty();
    }
}
