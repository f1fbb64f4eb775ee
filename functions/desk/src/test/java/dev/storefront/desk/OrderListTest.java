package dev.storefront.desk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /admin/orders over 60 orders in six statuses, spread over 2012 (a year no other test uses),
 * some of them sharing a second: every filter answers exactly its orders, newest first, page after
 * page, each order once.
 */
class OrderListTest {

    static final List<OrderStatus> STATUSES = List.of(OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED, OrderStatus.ACCEPTED,
            OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.CANCELLED);
    static final Instant START = Instant.parse("2012-03-01T00:00:00Z");
    static final String SHOPPER = "Grace." + UUID.randomUUID().toString().substring(0, 6) + "@Example.com";

    static FunctionHarness desk;
    static final List<Order> orders = new ArrayList<>();

    @BeforeAll
    static void start() {
        desk = FunctionHarness.start("DeskFunction");
        for (int i = 0; i < 60; i++) {
            // Every fourth order shares its second with the one before, some with a fraction (Instant.toString drops zeros).
            Instant at = START.plusSeconds(86_400L * (i / 2) + (i % 4 == 3 ? 0 : i)).plusMillis(i % 3 == 0 ? 0 : 250L * (i % 3));
            String email = i % 5 == 0 ? SHOPPER : "buyer" + i + "@example.com";
            orders.add(StoredOrders.store(STATUSES.get(i % STATUSES.size()), email, at));
        }
    }

    static HttpResult get(String query) {
        return desk.http(HttpCall.get("/admin/orders" + query).as("desk-admin", "admin"));
    }

    /** Every page of a query, with the given page size. */
    static List<JsonNode> all(String query, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResult page = get(query + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.json().path("items").size()).isLessThanOrEqualTo(limit);
            page.json().path("items").forEach(items::add);
            cursor = page.json().hasNonNull("nextCursor") ? page.json().path("nextCursor").asText() : null;
            assertThat(++pages).as("pages end").isLessThan(100);
        } while (cursor != null);
        return items;
    }

    static List<String> ids(List<JsonNode> items) {
        return items.stream().map(i -> i.path("orderId").asText()).toList();
    }

    static List<String> expected(java.util.function.Predicate<Order> which) {
        return orders.stream().filter(which)
                .sorted(Comparator.comparing(Order::createdAt).thenComparing(Order::orderId).reversed())
                .map(Order::orderId).toList();
    }

    @Test
    void every_status_over_a_date_range_comes_newest_first_in_pages_each_order_once() {
        for (int limit : new int[] {7, 25, 100}) {
            List<JsonNode> items = all("?from=2012-03-01&to=2012-03-31", limit);
            assertThat(ids(items)).as("limit " + limit).isEqualTo(expected(o -> o.createdAt().isBefore(Instant.parse("2012-04-01T00:00:00Z"))));
        }
        JsonNode first = all("?from=2012-03-01&to=2012-03-01", 10).get(0);
        assertThat(first.path("total").path("amount").asLong()).isEqualTo(2500);
        assertThat(first.path("total").path("currency").asText()).isEqualTo("EUR");
        assertThat(first.path("email").asText()).isNotBlank();
    }

    @Test
    void one_status_is_read_from_its_index_partition() {
        List<JsonNode> shipped = all("?status=SHIPPED&from=2012-01-01&to=2012-12-31", 3);
        assertThat(ids(shipped)).isEqualTo(expected(o -> o.status() == OrderStatus.SHIPPED)).hasSize(10);
        assertThat(shipped).allSatisfy(i -> assertThat(i.path("status").asText()).isEqualTo("SHIPPED"));
    }

    @Test
    void an_email_finds_that_shoppers_orders_whatever_its_case_alone_or_with_a_status() {
        assertThat(ids(all("?email=" + SHOPPER.toLowerCase(), 4))).isEqualTo(expected(o -> o.email().equals(SHOPPER))).hasSize(12);
        assertThat(ids(all("?email=" + SHOPPER.toUpperCase() + "&status=PLACED", 2)))
                .isEqualTo(expected(o -> o.email().equals(SHOPPER) && o.status() == OrderStatus.PLACED)).isNotEmpty();
        assertThat(ids(all("?email=" + SHOPPER + "&from=2012-03-10&to=2012-03-20", 2))).isEqualTo(expected(o -> o.email().equals(SHOPPER)
                && !o.createdAt().isBefore(Instant.parse("2012-03-10T00:00:00Z")) && o.createdAt().isBefore(Instant.parse("2012-03-21T00:00:00Z"))));
    }

    @Test
    void malformed_reversed_or_too_long_filters_and_foreign_cursors_are_400_problems() {
        String foreign = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("2030-01-01T00:00:00Z\u001fnot-an-order".getBytes());
        for (String query : new String[] {"?status=LOST", "?from=2012-02-30", "?to=yesterday", "?from=2012-03-02&to=2012-03-01",
                "?from=2011-01-01&to=2012-01-02", "?email=not-an-address", "?limit=0", "?limit=101", "?cursor=%25%25garbage",
                "?cursor=" + foreign, "?from=2012-03-01&to=2012-03-02&cursor=" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("2012-05-01T00:00:00Z\u001f" + orders.get(0).orderId()).getBytes())}) {
            HttpResult answer = get(query);
            assertThat(answer.status()).as(query + " " + answer).isEqualTo(400);
            assertThat(answer.header("content-type")).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(desk.http(HttpCall.get("/admin/orders").as("shopper")).status()).isEqualTo(403);
        assertThat(desk.http(HttpCall.get("/admin/orders")).status()).isEqualTo(401);
    }
}
