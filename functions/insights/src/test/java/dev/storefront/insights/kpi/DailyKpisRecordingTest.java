package dev.storefront.insights.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.storefront.insights.kpi.Events.cartCreated;
import static dev.storefront.insights.kpi.Events.checkoutFailed;
import static dev.storefront.insights.kpi.Events.checkoutStarted;
import static dev.storefront.insights.kpi.Events.lineAdded;
import static dev.storefront.insights.kpi.Events.lineRemoved;
import static dev.storefront.insights.kpi.Events.orderEvent;
import static dev.storefront.insights.kpi.Events.placed;
import static dev.storefront.insights.kpi.Events.viewed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analytics events through the real consumer into InsightsTable, read back through GET /admin/kpis.
 *
 * <p>The repeat-purchase rate counts customers over all days up to the row's day, in the one table
 * this JVM shares: the scripted day is the earliest date any test of this module writes (2001), and
 * the other tests use later years, so its expected values are exact.
 */
class DailyKpisRecordingTest {

    final Insights insights = Insights.get();

    static Instant at(String dateTime) {
        return Instant.parse(dateTime);
    }

    static String id() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_scripted_day_of_shopping_when_its_events_arrive_then_every_KPI_is_exactly_the_hand_computed_value() {
        String r = id();
        String alice = "alice-" + r;
        String bob = "bob-" + r;
        String v1 = "v1-" + r, v2 = "v2-" + r, v3 = "v3-" + r, v4 = "v4-" + r, v5 = "v5-" + r, v6 = "v6-" + r;
        String o1 = Events.newOrderId(), o2 = Events.newOrderId(), o3 = Events.newOrderId(), o4 = Events.newOrderId(), o5 = Events.newOrderId();
        List<String> day = new ArrayList<>();
        // The evening before (UTC): v1 looks once. It belongs to 2001-03-09, not to the scripted day.
        day.add(viewed(at("2001-03-09T23:59:59.999Z"), v1, "trail-runner"));
        // v1: 2 views, a cart with a line, a checkout -> o1 placed by alice (EUR 50.00), requested, shipped 95 minutes later.
        day.add(viewed(at("2001-03-10T00:00:00Z"), v1, "trail-runner"));
        day.add(viewed(at("2001-03-10T08:01:00Z"), v1, "socks"));
        day.add(cartCreated(at("2001-03-10T08:02:00Z"), v1, null, "c1" + r));
        day.add(lineAdded(at("2001-03-10T08:03:00Z"), v1, "c1" + r, "TRAIL-RUNNER-42"));
        day.add(checkoutStarted(at("2001-03-10T08:04:00Z"), v1, alice, "c1" + r));
        day.add(placed(o1, at("2001-03-10T08:05:00Z"), 5000, "EUR", alice, null));
        day.add(orderEvent("order.fulfilment_requested", o1, at("2001-03-10T08:06:00Z")));
        day.add(orderEvent("order.shipped", o1, at("2001-03-10T09:40:30Z")));          // 95.5 minutes -> 95
        // v2: 1 view, a cart, a line added and removed: abandons the cart.
        day.add(viewed(at("2001-03-10T09:00:00Z"), v2, "socks"));
        day.add(cartCreated(at("2001-03-10T09:01:00Z"), v2, null, "c2" + r));
        day.add(lineAdded(at("2001-03-10T09:02:00Z"), v2, "c2" + r, "SOCKS-M"));
        day.add(lineRemoved(at("2001-03-10T09:03:00Z"), v2, "c2" + r, "SOCKS-M"));
        // v3: 3 views, nothing else.
        day.add(viewed(at("2001-03-10T10:00:00Z"), v3, "a"));
        day.add(viewed(at("2001-03-10T10:01:00Z"), v3, "b"));
        day.add(viewed(at("2001-03-10T10:02:00Z"), v3, "c"));
        // v4 (bob): 1 view, a cart, a declined checkout (o2 payment failed), a second checkout -> o3 (EUR 20.01), which the partner rejects.
        day.add(viewed(at("2001-03-10T11:00:00Z"), v4, "trail-runner"));
        day.add(cartCreated(at("2001-03-10T11:01:00Z"), v4, bob, "c4" + r));
        day.add(checkoutStarted(at("2001-03-10T11:02:00Z"), v4, bob, "c4" + r));
        day.add(orderEvent("order.payment_failed", o2, at("2001-03-10T11:02:01Z")));
        day.add(checkoutFailed(at("2001-03-10T11:02:02Z"), v4, bob, "c4" + r, "PAYMENT_DECLINED"));
        day.add(checkoutStarted(at("2001-03-10T11:03:00Z"), v4, bob, "c4" + r));
        day.add(placed(o3, at("2001-03-10T11:03:01Z"), 2001, "EUR", bob, null));
        day.add(orderEvent("order.fulfilment_requested", o3, at("2001-03-10T11:04:00Z")));
        day.add(orderEvent("order.rejected", o3, at("2001-03-10T12:00:00Z")));
        // v5 (alice again): 1 view, a cart, a checkout -> o4 (EUR 30.00) with her retention coupon, shipped 30 minutes later.
        day.add(viewed(at("2001-03-10T15:00:00Z"), v5, "socks"));
        day.add(cartCreated(at("2001-03-10T15:01:00Z"), v5, alice, "c5" + r));
        day.add(checkoutStarted(at("2001-03-10T15:02:00Z"), v5, alice, "c5" + r));
        day.add(placed(o4, at("2001-03-10T15:03:00Z"), 3000, "EUR", alice, "BACK-" + r.toUpperCase()));
        day.add(orderEvent("order.fulfilment_requested", o4, at("2001-03-10T15:04:00Z")));
        day.add(orderEvent("order.shipped", o4, at("2001-03-10T15:33:59Z")));           // 30.98 minutes -> 30
        // v6: a cart and a checkout, then gone (abandoned checkout).
        day.add(cartCreated(at("2001-03-10T18:00:00Z"), v6, null, "c6" + r));
        day.add(checkoutStarted(at("2001-03-10T18:01:00Z"), v6, null, "c6" + r));
        // A guest order in USD (no visitor on order events, no customer): o5, USD 19.99.
        day.add(placed(o5, at("2001-03-10T23:59:59Z"), 1999, "USD", null, "FIVEOFF"));

        insights.deliverAll(day);

        JsonNode rows = insights.rows("2001-03-09", "2001-03-11");
        assertThat(rows).hasSize(3);
        JsonNode before = rows.get(0);
        assertThat(before.path("date").asText()).isEqualTo("2001-03-09");
        assertThat(before.path("visitors").asLong()).isEqualTo(1);
        assertThat(before.path("productViews").asLong()).isEqualTo(1);
        assertThat(before.path("conversionRate").decimalValue()).isEqualByComparingTo("0");      // 0 orders / 1 visitor
        assertThat(before.path("cartConversionRate").isNull()).as("no carts: no rate").isTrue();

        JsonNode kpis = rows.get(1);
        assertThat(kpis.path("date").asText()).isEqualTo("2001-03-10");
        assertThat(kpis.path("visitors").asLong()).isEqualTo(6);                 // v1..v6
        assertThat(kpis.path("productViews").asLong()).isEqualTo(8);             // v1 2 + v2 1 + v3 3 + v4 1 + v5 1
        assertThat(kpis.path("cartsCreated").asLong()).isEqualTo(5);             // v1, v2, v4, v5, v6
        assertThat(kpis.path("checkoutsStarted").asLong()).isEqualTo(5);         // v1 1 + v4 2 + v5 1 + v6 1
        assertThat(kpis.path("checkoutsFailed").asLong()).isEqualTo(1);          // v4's decline
        assertThat(kpis.path("ordersPlaced").asLong()).isEqualTo(4);             // o1, o3, o4, o5
        assertThat(kpis.path("paymentsFailed").asLong()).isEqualTo(1);           // o2
        assertThat(kpis.path("fulfilmentsRequested").asLong()).isEqualTo(3);     // o1, o3, o4
        assertThat(kpis.path("ordersRejected").asLong()).isEqualTo(1);           // o3
        assertThat(kpis.path("ordersShipped").asLong()).isEqualTo(2);            // o1, o4
        assertThat(kpis.path("revenue").path("EUR").asLong()).isEqualTo(10_001); // 5000 + 2001 + 3000
        assertThat(kpis.path("revenue").path("USD").asLong()).isEqualTo(1_999);
        assertThat(kpis.path("averageOrderValue").path("EUR").asLong()).isEqualTo(3_334); // 10001 / 3 = 3333.67 -> 3334
        assertThat(kpis.path("averageOrderValue").path("USD").asLong()).isEqualTo(1_999); // 1999 / 1
        assertThat(kpis.path("conversionRate").decimalValue()).isEqualByComparingTo("0.6667");          // 4 / 6 = 0.66666..
        assertThat(kpis.path("cartConversionRate").decimalValue()).isEqualByComparingTo("0.8000");      // 4 / 5
        assertThat(kpis.path("checkoutAbandonmentRate").decimalValue()).isEqualByComparingTo("0.2000"); // 1 - 4 / 5
        assertThat(kpis.path("paymentFailureRate").decimalValue()).isEqualByComparingTo("0.2000");      // 1 / (4 + 1)
        assertThat(kpis.path("customersWithOrders").asLong()).isEqualTo(2);      // alice, bob (o5 is a guest's)
        assertThat(kpis.path("repeatCustomers").asLong()).isEqualTo(1);          // alice: o1 and o4
        assertThat(kpis.path("repeatPurchaseRate").decimalValue()).isEqualByComparingTo("0.5000");      // 1 / 2
        assertThat(kpis.path("medianPlacedToShippedMinutes").asLong()).isEqualTo(30);                   // [30, 95]: the lower median
        assertThat(kpis.path("partnerRejectionRate").decimalValue()).isEqualByComparingTo("0.3333");    // 1 / 3
        assertThat(kpis.path("retentionConversions").asLong()).isEqualTo(1);     // o4 with BACK-...; FIVEOFF is not one

        JsonNode after = rows.get(2);
        assertThat(after.path("date").asText()).as("a day without events is a row of zeros").isEqualTo("2001-03-11");
        assertThat(after.path("visitors").asLong()).isZero();
        assertThat(after.path("ordersPlaced").asLong()).isZero();
        assertThat(after.path("revenue").isObject()).isTrue();
        assertThat(after.path("revenue").size()).isZero();
        assertThat(after.has("conversionRate")).as("present, as null").isTrue();
        assertThat(after.path("conversionRate").isNull()).isTrue();
        assertThat(after.path("medianPlacedToShippedMinutes").isNull()).isTrue();
        assertThat(after.path("repeatPurchaseRate").decimalValue()).as("cumulative: still 1 of 2").isEqualByComparingTo("0.5000");
    }

    @Test
    void returns_and_refunds_count_on_their_day_and_net_revenue_after_refunds_takes_the_refunds_off_net_of_their_tax() {
        String first = Events.newOrderId();
        String placedFirst = placed(first, at("2009-04-01T09:00:00Z"), 1000, "EUR", null, null);
        String placedSecond = placed(Events.newOrderId(), at("2009-04-01T09:30:00Z"), 1000, "EUR", null, null);
        String returned = Events.orderEvent("return.requested", first, at("2009-04-01T10:00:00Z"));
        // docs/events/examples: refund.succeeded of 53.98 with 8.62 VAT in it; refund.failed moved nothing
        String refunded = Events.orderEvent("refund.succeeded", first, at("2009-04-01T11:00:00Z"));
        String failed = Events.orderEvent("refund.failed", first, at("2009-04-01T11:30:00Z"));

        assertThat(insights.deliver(List.of(placedFirst, placedSecond, returned, refunded, refunded, failed))).isEmpty();

        JsonNode kpis = insights.rows("2009-04-01", "2009-04-01").get(0);
        assertThat(kpis.path("returnsRequested").asLong()).isEqualTo(1);
        assertThat(kpis.path("returnRate").decimalValue()).isEqualByComparingTo("0.5000");
        assertThat(kpis.path("refunds").path("EUR").asLong()).as("one refund, counted once").isEqualTo(5398);
        assertThat(kpis.path("netRevenueAfterRefunds").path("EUR").asLong()).isEqualTo(2000 - (5398 - 862));
    }

    @Test
    void net_revenue_is_the_charged_totals_less_tax_and_shipping_and_aov_stays_on_the_charged_totals() {
        // docs/events/examples/order.placed.v2.json: GB, 20 % included; lines net 20.14 + 4.02, Tracked 5.90 with 0.98 VAT.
        String included = Events.placedWithPricing(Events.newOrderId(), at("2008-08-01T09:00:00Z"), 3490, 582, true, 590, 98);
        // docs/PRICING.md's US order: 7.25 % on top; goods net 39.46, Standard 7.99 with 0.58 tax, 3.44 tax in all.
        String onTop = Events.placedWithPricing(Events.newOrderId(), at("2008-08-01T10:00:00Z"), 5089, 344, false, 799, 58);
        String before = placed(Events.newOrderId(), at("2008-08-01T11:00:00Z"), 1000, "EUR", null, null);

        assertThat(insights.deliver(List.of(included, onTop, before))).isEmpty();

        JsonNode kpis = insights.rows("2008-08-01", "2008-08-01").get(0);
        assertThat(kpis.path("revenue").path("EUR").asLong()).isEqualTo(3490 + 5089 + 1000);
        assertThat(kpis.path("netRevenue").path("EUR").asLong()).isEqualTo(2416 + 3946 + 1000); // 3490 - 582 - (590 - 98); 5089 - 344 - 799
        assertThat(kpis.path("averageOrderValue").path("EUR").asLong()).isEqualTo(3193); // 9579 / 3, on the charged totals
    }

    @Test
    void the_same_events_twice_in_one_batch_and_again_later_then_each_is_counted_once() {
        String r = id();
        String visitor = "dup-" + r;
        String customer = "carol-" + r;
        String orderId = Events.newOrderId();
        String view = viewed(at("2002-04-01T10:00:00Z"), visitor, "socks");
        String cart = cartCreated(at("2002-04-01T10:01:00Z"), visitor, customer, "c" + r);
        String order = placed(orderId, at("2002-04-01T10:02:00Z"), 1234, "EUR", customer, null);

        assertThat(insights.deliver(List.of(view, view, cart, order, order))).isEmpty();
        assertThat(insights.deliver(List.of(order, cart, view))).isEmpty();

        JsonNode kpis = insights.rows("2002-04-01", "2002-04-01").get(0);
        assertThat(kpis.path("productViews").asLong()).isEqualTo(1);
        assertThat(kpis.path("cartsCreated").asLong()).isEqualTo(1);
        assertThat(kpis.path("visitors").asLong()).isEqualTo(1);
        assertThat(kpis.path("ordersPlaced").asLong()).isEqualTo(1);
        assertThat(kpis.path("revenue").path("EUR").asLong()).isEqualTo(1234);
        Map<String, AttributeValue> orders = TestStack.shared().emulators().dynamo().getItem(g -> g
                .tableName(TestStack.shared().resources().tableName("InsightsTable"))
                .key(Map.of("pk", AttributeValue.fromS("CUSTOMER#" + customer), "sk", AttributeValue.fromS("ORDERS")))).item();
        assertThat(orders.get("count").n()).as("the customer's order count").isEqualTo("1");
    }

    @Test
    void malformed_and_schema_invalid_events_in_a_batch_then_only_they_fail_and_the_others_are_counted() {
        String r = id();
        String good = viewed(at("2002-05-01T10:00:00Z"), "ok-" + r, "socks");
        String noProduct = Events.funnel("product.viewed", at("2002-05-01T10:00:00Z"), "x-" + r, null, null).toString();
        String badVisitor = viewed(at("2002-05-01T10:00:00Z"), "not a visitor id!", "socks");
        String orderWithoutOrderId = placed(Events.newOrderId(), at("2002-05-01T10:00:00Z"), 100, "EUR", null, null)
                .replaceFirst("\"orderId\":\"[0-9a-f]+\",", "");
        String unknownType = viewed(at("2002-05-01T10:00:00Z"), "u-" + r, "socks").replace("product.viewed", "product.liked");
        String good2 = cartCreated(at("2002-05-01T11:00:00Z"), "ok-" + r, null, "c" + r);

        List<Integer> failed = insights.deliver(List.of(good, "not json", noProduct, badVisitor, orderWithoutOrderId, unknownType, "{}", good2));

        assertThat(failed).containsExactly(1, 2, 3, 4, 5, 6);
        JsonNode kpis = insights.rows("2002-05-01", "2002-05-01").get(0);
        assertThat(kpis.path("productViews").asLong()).isEqualTo(1);
        assertThat(kpis.path("cartsCreated").asLong()).isEqualTo(1);
        assertThat(kpis.path("visitors").asLong()).isEqualTo(1);
        assertThat(kpis.path("ordersPlaced").asLong()).isZero();
    }
}
