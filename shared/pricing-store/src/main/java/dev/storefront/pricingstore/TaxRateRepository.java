package dev.storefront.pricingstore;

import dev.storefront.domain.pricing.TaxRates;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.storefront.aws.Attributes.s;

/** Each country's tax rates, one item per country (items: {@link SettingsItems}). */
// Only in functions given the table: Lambda contexts create every singleton eagerly, and jars
// (or test classpaths) that merely hold this module must still start.
@Requires(property = "storefront.tables.settings")
@Singleton
public class TaxRateRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public TaxRateRepository(DynamoDbClient dynamo, PricingTables tables) {
        this.dynamo = dynamo;
        this.table = tables.settings();
    }

    /** Creates or replaces a country's rates; true when created. */
    public boolean save(TaxRates rates) {
        Map<String, AttributeValue> previous = dynamo.putItem(r -> r.tableName(table).item(SettingsItems.taxItem(rates))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return previous == null || previous.isEmpty();
    }

    /** Every country's rates, by country code. */
    public List<TaxRates> all() {
        List<TaxRates> all = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("#kind = :kind")
                        .expressionAttributeNames(Map.of("#kind", "kind"))
                        .expressionAttributeValues(Map.of(":kind", s(SettingsItems.TAX))))
                .items().forEach(item -> all.add(SettingsItems.taxRates(item)));
        return List.copyOf(all);
    }
}
