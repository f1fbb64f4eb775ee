package dev.storefront.catalogstore;

import dev.storefront.domain.catalog.StockLevel;
import dev.storefront.domain.order.Reconciliation;
import dev.storefront.stockledger.InventoryLedger;
import dev.storefront.stockledger.LedgerTables;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GIVEN a hot SKU an admin stocked through the ledger, WHEN nothing else touched it, THEN no drift;
 * WHEN a shard's count is changed behind the ledger's back, THEN exactly that shard drifts.
 */
class StockDriftTest {

    final TestStack stack = TestStack.shared();
    final DynamoDbClient dynamo = stack.emulators().dynamo();
    final String table = stack.resources().tableName("InventoryTable");
    final InventoryRepository inventory = new InventoryRepository(dynamo, new CatalogTables(stack.resources().tableName("ProductsTable"), table),
            Clock.systemUTC(), new InventoryLedger(dynamo, new LedgerTables(stack.resources().tableName("InventoryLedgerTable"))));

    @Test
    void stock_set_through_the_ledger_has_no_drift_and_a_count_changed_behind_its_back_is_one_finding() {
        String sku = "DRIFT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        dynamo.putItem(r -> r.tableName(table).item(Map.of("sku", AttributeValue.fromS(sku), "productId", AttributeValue.fromS("drift"),
                "available", AttributeValue.fromN("0"))));
        inventory.set(new StockLevel(sku, 10), 2);

        assertThat(inventory.drift(sku)).isEmpty();

        dynamo.updateItem(r -> r.tableName(table).key(Map.of("sku", AttributeValue.fromS(sku + "#2")))
                .updateExpression("SET available = :a").expressionAttributeValues(Map.of(":a", AttributeValue.fromN("3"))));

        assertThat(inventory.drift(sku)).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Reconciliation.Kind.STOCK_DRIFT);
            assertThat(finding.sku()).isEqualTo(sku);
            assertThat(finding.detail()).isEqualTo("shard 2: available 3 but the inventory ledger adds up to 5");
        });
    }

    @Test
    void stock_never_set_since_the_ledger_began_is_not_judged() {
        String sku = "OLD-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        dynamo.putItem(r -> r.tableName(table).item(Map.of("sku", AttributeValue.fromS(sku), "productId", AttributeValue.fromS("old"),
                "available", AttributeValue.fromN("40"))));

        assertThat(inventory.drift(sku)).isEmpty();
    }
}
