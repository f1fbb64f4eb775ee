package dev.storefront.desk;

import dev.storefront.domain.catalog.StockChange;
import dev.storefront.stockledger.InventoryLedger;
import dev.storefront.stockledger.LedgerTables;
import dev.storefront.testsupport.TestStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A product of one SKU written straight into the template's Products table, its stock set as an
 * admin sets it (the Inventory item and its ledger entry in one transaction), and a count changed
 * behind the ledger's back.
 */
final class StoredStock {

    private StoredStock() {
    }

    static void productStocked(String productId, String sku, long units) {
        TestStack stack = TestStack.shared();
        var dynamo = stack.emulators().dynamo();
        String now = Instant.now().toString();
        dynamo.putItem(r -> r.tableName(stack.resources().tableName("ProductsTable")).item(Map.of(
                "id", s(productId), "listing", s("PRODUCT"), "category", s("reconciled"), "name", s("Ledger lamp " + sku),
                "description", s("A lamp whose stock the reconciler checks"), "version", AttributeValue.fromN("1"),
                "createdAt", s(now), "updatedAt", s(now),
                "variants", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("sku", s(sku), "attributes", AttributeValue.fromM(Map.of()),
                        "amount", AttributeValue.fromN("1990"), "currency", s("EUR"))))))));
        InventoryLedger ledger = new InventoryLedger(dynamo, new LedgerTables(stack.resources().tableName("InventoryLedgerTable")));
        Put stock = Put.builder().tableName(stack.resources().tableName("InventoryTable"))
                .item(Map.of("sku", s(sku), "productId", s(productId), "available", AttributeValue.fromN(Long.toString(units)))).build();
        dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().put(stock).build(),
                ledger.entryFor(StockChange.set(sku, 0, units, "admin-test", Instant.now()))));
    }

    static void countChangedBehindTheLedger(String sku, long available) {
        TestStack stack = TestStack.shared();
        stack.emulators().dynamo().updateItem(r -> r.tableName(stack.resources().tableName("InventoryTable")).key(Map.of("sku", s(sku)))
                .updateExpression("SET available = :a").expressionAttributeValues(Map.of(":a", AttributeValue.fromN(Long.toString(available)))));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
