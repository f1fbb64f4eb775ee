package dev.storefront.checkout;

import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GIVEN a SKU an admin stocked, WHEN orders take units and a declined one gives them back, THEN
 * the inventory ledger holds one entry per change, in the SKU's own partition, adding up to the stock.
 */
class InventoryLedgerTest {

    @Test
    void an_admin_set_reservations_and_a_release_are_ledger_entries_that_add_up_to_the_stock() {
        Shop shop = new Shop();
        String sku = shop.stockedProduct(5, 1200)[0];

        HttpResult placed = shop.checkout(shop.cart(null, 2, sku), null, UUID.randomUUID().toString(), "tok_visa");
        HttpResult declined = shop.checkout(shop.cart(null, 1, sku), null, UUID.randomUUID().toString(), "tok_chargeDeclined");

        assertThat(placed.status()).isEqualTo(201);
        assertThat(declined.status()).isEqualTo(402);
        List<Map<String, AttributeValue>> entries = entries(sku);
        assertThat(entries).extracting(e -> e.get("reason").s() + " " + e.get("delta").n())
                .containsExactly("SET 0", "RESERVE -2", "RESERVE -1", "RELEASE 1");
        assertThat(entries.get(0).get("balance").n()).isEqualTo("5");
        long expected = 5 + entries.stream().mapToLong(e -> Long.parseLong(e.get("delta").n())).sum();
        assertThat(Shop.stock(sku)).isEqualTo(expected).isEqualTo(3);
    }

    static List<Map<String, AttributeValue>> entries(String stockKey) {
        TestStack stack = TestStack.shared();
        return stack.emulators().dynamo().query(r -> r.tableName(stack.resources().tableName("InventoryLedgerTable"))
                .keyConditionExpression("stock = :k").expressionAttributeValues(Map.of(":k", AttributeValue.fromS(stockKey)))
                .consistentRead(true)).items();
    }
}
