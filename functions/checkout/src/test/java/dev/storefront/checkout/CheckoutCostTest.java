package dev.storefront.checkout;

import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a 3-line checkout costs in DynamoDB: round trips and consumed capacity, measured with
 * ReturnConsumedCapacity on every call the checkout function makes. The printed line is the figure
 * docs/ARCHITECTURE.md quotes; the assertions keep the design from drifting.
 */
class CheckoutCostTest {

    @Test
    void a_three_line_checkout_costs_a_bounded_number_of_round_trips() {
        Shop shop = new Shop();
        String[] skus = shop.stockedProduct(10, 1000, 2000, 3000);
        String guestCart = shop.cart(null, 1, skus);
        String thread = Thread.currentThread().getName();
        CapacityMeter.reset();

        HttpResult placed = shop.checkout(guestCart, null, UUID.randomUUID().toString(), "tok_visa");

        assertThat(placed.status()).isEqualTo(201);
        List<CapacityMeter.Call> calls = CapacityMeter.calls(thread);
        double reads = calls.stream().mapToDouble(CapacityMeter.Call::readUnits).sum();
        double writes = calls.stream().mapToDouble(CapacityMeter.Call::writeUnits).sum();
        String byOperation = calls.stream().collect(Collectors.groupingBy(CapacityMeter.Call::operation, java.util.TreeMap::new, Collectors.counting())).toString();
        System.out.printf("3-line checkout: %d DynamoDB round trips %s, %.1f RCU, %.1f WCU (transaction: %.1f WCU)%n",
                calls.size(), byOperation, reads, writes,
                calls.stream().filter(c -> c.operation().equals("TransactWriteItems")).mapToDouble(CapacityMeter.Call::writeUnits).sum());
        calls.forEach(c -> System.out.printf("  %s %.1f RCU %.1f WCU%n", c.operation(), c.readUnits(), c.writeUnits()));
        // One transaction reserves (stock, order, cart, the key's claim), one places (order, the key's answer).
        assertThat(calls).filteredOn(c -> c.operation().equals("TransactWriteItems")).hasSize(2);
        assertThat(calls).filteredOn(c -> c.operation().equals("Scan")).isEmpty();
        // The sandbox processor keeps its books in DynamoDB too (the key's answer, an UpdateItem; the payment
        // it holds, a PutItem); a real processor is one HTTP call instead, so the shop's own round trips are
        // bounded apart. Checkout itself writes only in its two transactions.
        List<CapacityMeter.Call> processorCalls = calls.stream()
                .filter(c -> c.operation().equals("UpdateItem") || c.operation().equals("PutItem")).toList();
        assertThat(processorCalls).as("the sandbox processor's writes").hasSize(2);
        assertThat(calls.size() - processorCalls.size()).as("the shop's round trips, of " + byOperation).isLessThanOrEqualTo(4);
    }

    @Test
    void the_inventory_ledger_adds_two_write_units_per_line_to_the_reservation() {
        Shop shop = new Shop();
        String ledger = dev.storefront.testsupport.TestStack.shared().resources().tableName("InventoryLedgerTable");
        for (int lines : new int[] {1, 3}) {
            long[] prices = new long[lines];
            java.util.Arrays.fill(prices, 1500);
            String[] skus = shop.stockedProduct(10, prices);
            String cart = shop.cart(null, 1, skus);
            String thread = Thread.currentThread().getName();
            CapacityMeter.reset();

            HttpResult placed = shop.checkout(cart, null, UUID.randomUUID().toString(), "tok_visa");

            assertThat(placed.status()).isEqualTo(201);
            CapacityMeter.Call reservation = CapacityMeter.calls(thread).stream().filter(c -> c.operation().equals("TransactWriteItems"))
                    .findFirst().orElseThrow();
            double onLedger = reservation.writesByTable().getOrDefault(ledger, 0.0);
            System.out.printf("%d-line reservation: %.1f WCU, of which the inventory ledger %.1f WCU (DynamoDB Local reports one item's per table)%n",
                    lines, reservation.writeUnits(), onLedger);
            // An entry is under 1 KB, written transactionally: 2 WCU, so 2 WCU per line on DynamoDB (docs/SCALE.md).
            assertThat(onLedger).isEqualTo(2.0);
            for (String sku : skus) {
                assertThat(InventoryLedgerTest.entries(sku)).allSatisfy(entry -> assertThat(itemBytes(entry)).isLessThan(1024));
            }
        }
    }

    /** An item's size as DynamoDB bills it: attribute names and values (strings and numbers as text, about what they take). */
    private static int itemBytes(java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        return item.entrySet().stream().mapToInt(e -> e.getKey().length()
                + (e.getValue().s() != null ? e.getValue().s().length() : e.getValue().n().length())).sum();
    }
}
