package dev.storefront.cartstore;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Set;

/**
 * The segments a customer is in now, as the insights function tagged them on their orders: the
 * {@code segments} string set of their profile in the Customers table (pk {@code CUSTOMER#<sub>},
 * sk {@code PROFILE}). Read-only, and only for discount codes limited to a segment.
 */
@Singleton
public class CustomerSegments {

    private final DynamoDbClient dynamo;
    private final String customers;

    CustomerSegments(DynamoDbClient dynamo, @Property(name = "storefront.tables.customers") String customers) {
        this.dynamo = dynamo;
        this.customers = customers;
    }

    public Set<String> of(String customerId) {
        if (customerId == null) {
            return Set.of();
        }
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(customers)
                .key(Map.of("pk", AttributeValue.fromS("CUSTOMER#" + customerId), "sk", AttributeValue.fromS("PROFILE")))
                .projectionExpression("#segments").expressionAttributeNames(Map.of("#segments", "segments"))).item();
        return item != null && item.containsKey("segments") ? Set.copyOf(item.get("segments").ss()) : Set.of();
    }
}
