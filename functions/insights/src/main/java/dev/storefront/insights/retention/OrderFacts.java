package dev.storefront.insights.retention;

import dev.storefront.insights.segments.CustomerKeys;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What retention needs to know about an order when it is delivered, which {@code order.delivered}
 * does not carry: whose it is and which products it held. Kept from {@code order.placed} in the
 * Customers table (pk {@code ORDER#<orderId>}, sk {@code FACTS}); a guest order is kept too (with
 * no customer), so its delivery is recognised as nothing to do rather than as facts still missing.
 */
@Singleton
class OrderFacts {

    record Facts(String customerId, List<String> productIds) {
        boolean isGuest() {
            return customerId == null;
        }
    }

    private final DynamoDbClient dynamo;
    private final String customers;

    OrderFacts(DynamoDbClient dynamo, @Property(name = "storefront.tables.customers") String customers) {
        this.dynamo = dynamo;
        this.customers = customers;
    }

    /** The same facts every time for one order: writing them twice is harmless. */
    void save(String orderId, Facts facts) {
        Map<String, AttributeValue> item = new HashMap<>(key(orderId));
        if (facts.customerId() != null) {
            item.put("customerId", AttributeValue.fromS(facts.customerId()));
        }
        item.put("productIds", AttributeValue.fromL(facts.productIds().stream().map(AttributeValue::fromS).toList()));
        dynamo.putItem(r -> r.tableName(customers).item(item));
    }

    Optional<Facts> find(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(customers).key(key(orderId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Facts(item.containsKey("customerId") ? item.get("customerId").s() : null,
                item.get("productIds").l().stream().map(AttributeValue::s).toList()));
    }

    private static Map<String, AttributeValue> key(String orderId) {
        return CustomerKeys.key("ORDER#" + orderId, "FACTS");
    }
}
