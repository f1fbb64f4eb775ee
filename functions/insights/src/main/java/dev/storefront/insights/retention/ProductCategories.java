package dev.storefront.insights.retention;

import dev.storefront.aws.BatchGet;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The categories of some products, read from the Products table (items {@code id, category}); read-only. */
@Singleton
class ProductCategories {

    private final DynamoDbClient dynamo;
    private final String products;

    ProductCategories(DynamoDbClient dynamo, @Property(name = "storefront.tables.products") String products) {
        this.dynamo = dynamo;
        this.products = products;
    }

    /** The distinct categories of the products that still exist; products since removed add none. */
    Set<String> of(Collection<String> productIds) {
        Set<String> categories = new TreeSet<>();
        BatchGet.items(dynamo, products, productIds.stream().distinct().map(id -> Map.of("id", AttributeValue.fromS(id))).toList(),
                        "id, category", Map.of())
                .forEach(item -> {
                    if (item.containsKey("category")) {
                        categories.add(item.get("category").s());
                    }
                });
        return categories;
    }
}
