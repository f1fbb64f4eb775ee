package dev.storefront.orderstore;

import dev.storefront.domain.order.OrderSummary;

import dev.storefront.domain.Money;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderId;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.ShippingAddress;
import dev.storefront.stockledger.InventoryLedger;
import dev.storefront.stockledger.LedgerTables;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The byStatus index on DynamoDB Local: orders of one status, oldest first, before a time, as domain values. */
class OrdersByStatusTest {

    final TestStack stack = TestStack.shared();
    final DynamoDbClient dynamo = stack.emulators().dynamo();
    final OrderRepository orders = new OrderRepository(dynamo,
            new OrderTables(stack.resources().tableName("OrdersTable"), stack.resources().tableName("InventoryTable")),
            new InventoryLedger(dynamo, new LedgerTables(stack.resources().tableName("InventoryLedgerTable"))));

    @Test
    void orders_in_a_status_created_before_a_time_are_listed_oldest_first_with_what_the_index_projects() {
        // A year no other test uses, so the status partition holds only these orders before the cutoff.
        Instant base = Instant.parse("2001-02-03T04:05:06Z");
        String first = put(OrderStatus.SHIPPED, base);
        String second = put(OrderStatus.SHIPPED, base.plusSeconds(60));
        put(OrderStatus.SHIPPED, base.plusSeconds(600));
        put(OrderStatus.PLACED, base.plusSeconds(30));

        List<OrderSummary> shipped = orders.inStatus(OrderStatus.SHIPPED, base.plusSeconds(300), 10);

        assertThat(shipped).extracting(OrderSummary::orderId).containsExactly(first, second);
        assertThat(shipped.get(0).total()).isEqualTo(new Money(1000, "EUR"));
        assertThat(shipped.get(0).email()).isEqualTo("ada@example.com");
        assertThat(shipped.get(0).createdAt()).isEqualTo(base);
    }

    @Test
    void orders_in_a_status_created_within_a_window_are_read_page_after_page_up_to_the_limit() {
        Instant base = Instant.parse("2002-03-04T05:06:07Z");
        put(OrderStatus.DELIVERED, base.minusSeconds(1));
        List<String> inside = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inside.add(put(OrderStatus.DELIVERED, base.plusSeconds(i)));
        }
        put(OrderStatus.DELIVERED, base.plusSeconds(3_600));

        assertThat(orders.inStatus(OrderStatus.DELIVERED, base, base.plusSeconds(60), 100)).extracting(OrderSummary::orderId)
                .containsExactlyElementsOf(inside);
        assertThat(orders.inStatus(OrderStatus.DELIVERED, base, base.plusSeconds(60), 3)).extracting(OrderSummary::orderId)
                .containsExactlyElementsOf(inside.subList(0, 3));
    }

    private String put(OrderStatus status, Instant createdAt) {
        String id = OrderId.random();
        Order order = new Order(id, "ada", "c0ffee00c0ffee00c0ffee00c0ffee00", status, "ada@example.com",
                new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10115", "DE"),
                List.of(new Order.Line("SKU-1", "p", "P", 2, new Money(500, "EUR"), new Money(1000, "EUR"))),
                "EUR", 1000, 0, 1000, null, Order.Payment.NONE, Order.Fulfilment.NONE,
                List.of(new Order.StatusChange(createdAt, null, status, Order.changeId(id, status))), createdAt, null);
        dynamo.putItem(r -> r.tableName(stack.resources().tableName("OrdersTable")).item(OrderItems.toItem(order)));
        return id;
    }
}
