package dev.storefront.orderstore;

import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.catalog.StockShards;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderId;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.ShippingAddress;
import dev.storefront.samlocal.AwsClients;
import dev.storefront.stockledger.InventoryLedger;
import dev.storefront.stockledger.LedgerTables;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A hot SKU's reservation on DynamoDB Local when its shards run out, as in the last seconds of a
 * flash sale: after the first short shard it reads the others once and tries only those that hold
 * the units, so a sold-out SKU costs one transaction and one read, not one transaction per shard.
 */
class HotStockReservationTest {

    static final int SHARDS = 4;

    final TestStack stack = TestStack.shared();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final DynamoDbClient dynamo = DynamoDbClient.builder()
            .endpointOverride(stack.emulators().dynamoEndpoint())
            .region(Region.of(stack.emulators().region()))
            .credentialsProvider(AwsClients.LOCAL_CREDENTIALS)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                    calls.add(context.request().getClass().getSimpleName().replace("Request", ""));
                }
            }))
            .build();
    final String inventory = stack.resources().tableName("InventoryTable");
    final OrderRepository orders = new OrderRepository(dynamo,
            new OrderTables(stack.resources().tableName("OrdersTable"), inventory),
            new InventoryLedger(dynamo, new LedgerTables(stack.resources().tableName("InventoryLedgerTable"))));

    /** Repeated: the first shard tried is random, and whichever it is the cost stays bounded. */
    @RepeatedTest(6)
    void with_one_shard_left_holding_units_the_reservation_finds_it_in_at_most_two_transactions_and_one_read() {
        String sku = hotSku(0, 0, 3, 0);

        OrderRepository.Reserved reserved = orders.reserve(reservation(sku, 1));
        List<String> made = List.copyOf(calls);

        assertThat(reserved.order().lines().get(0).stockShard()).isEqualTo(3);
        assertThat(stock(sku)).containsExactly(0L, 0L, 0L, 2L, 0L);
        assertThat(made).as(made.toString()).isSubsetOf("TransactWriteItems", "BatchGetItem");
        assertThat(made.stream().filter("TransactWriteItems"::equals).count()).isLessThanOrEqualTo(2);
        assertThat(made.stream().filter("BatchGetItem"::equals).count()).isLessThanOrEqualTo(1);
    }

    @Test
    void a_sold_out_hot_sku_is_refused_as_out_of_stock_after_one_transaction_and_one_read_and_nothing_moves() {
        String sku = hotSku(0, 0, 0, 0);
        Reservation reservation = reservation(sku, 1);

        assertThatThrownBy(() -> orders.reserve(reservation)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.code()).isEqualTo(ProblemCode.OUT_OF_STOCK));
        List<String> made = List.copyOf(calls);

        assertThat(made).containsExactly("TransactWriteItems", "BatchGetItem");
        assertThat(stock(sku)).containsExactly(0L, 0L, 0L, 0L, 0L);
        assertThat(dynamo.getItem(r -> r.tableName(stack.resources().tableName("OrdersTable"))
                .key(Map.of("orderId", AttributeValue.fromS(reservation.order().orderId())))).hasItem()).isFalse();
    }

    @Test
    void a_shard_that_holds_fewer_units_than_the_line_is_not_tried_after_the_read() {
        String sku = hotSku(1, 1, 1, 2);

        OrderRepository.Reserved reserved = orders.reserve(reservation(sku, 2));
        List<String> made = List.copyOf(calls);

        assertThat(reserved.order().lines().get(0).stockShard()).isEqualTo(4);
        assertThat(stock(sku)).containsExactly(0L, 1L, 1L, 1L, 0L);
        assertThat(made.stream().filter("TransactWriteItems"::equals).count()).isLessThanOrEqualTo(2);
    }

    /** A hot SKU as the catalog stores one: its own item (shard 0) empty, {@code units} on shards 1..4; the calls counted from here. */
    private String hotSku(long... units) {
        String sku = "HOT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        for (int shard = 0; shard <= SHARDS; shard++) {
            int s = shard;
            dynamo.putItem(r -> r.tableName(inventory).item(Map.of("sku", AttributeValue.fromS(StockShards.key(sku, s)),
                    "shardOf", AttributeValue.fromS(sku), "productId", AttributeValue.fromS("hot"),
                    "available", AttributeValue.fromN(Long.toString(s == 0 ? 0 : units[s - 1])))));
        }
        calls.clear();
        return sku;
    }

    private List<Long> stock(String sku) {
        List<Long> units = new ArrayList<>();
        for (int shard = 0; shard <= SHARDS; shard++) {
            int s = shard;
            units.add(Long.parseLong(dynamo.getItem(r -> r.tableName(inventory).consistentRead(true)
                    .key(Map.of("sku", AttributeValue.fromS(StockShards.key(sku, s))))).item().get("available").n()));
        }
        return units;
    }

    private Reservation reservation(String sku, int quantity) {
        String id = OrderId.random();
        Instant now = Instant.now();
        Order order = new Order(id, "ada", "c0ffee00c0ffee00c0ffee00c0ffee00", OrderStatus.PENDING_PAYMENT, "ada@example.com",
                new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10115", "DE"),
                List.of(new Order.Line(sku, "hot", "Hot", quantity, new Money(500, "EUR"), new Money(500L * quantity, "EUR"))),
                "EUR", 500L * quantity, 0, 500L * quantity, null, Order.Payment.NONE, Order.Fulfilment.NONE,
                List.of(new Order.StatusChange(now, null, OrderStatus.PENDING_PAYMENT, Order.changeId(id, OrderStatus.PENDING_PAYMENT))), now, null);
        Update closeCart = Update.builder().tableName(stack.resources().tableName("CartsTable"))
                .key(Map.of("cartId", AttributeValue.fromS(UUID.randomUUID().toString().replace("-", ""))))
                .updateExpression("SET closedFor = :o").expressionAttributeValues(Map.of(":o", AttributeValue.fromS(id))).build();
        return new Reservation(order, closeCart, null, null).fromShards(Map.of(sku, SHARDS));
    }
}
