package dev.storefront.insights.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted week (Monday 2031-03-03 to Sunday 2031-03-09) of two channels (mobile, email) and two
 * campaigns, through the real consumer, read back with groupBy: every KPI of every split day and
 * every campaign's ROAS and cost per order, computed by hand below. Only this test writes these
 * channels, campaigns and year, so the cumulative customer counts are exact.
 */
class AttributionTest {

    static final List<String> COUNTS = List.of("visitors", "productViews", "cartsCreated", "checkoutsStarted", "checkoutsFailed",
            "ordersPlaced", "paymentsFailed", "fulfilmentsRequested", "ordersRejected", "ordersShipped", "customersWithOrders",
            "repeatCustomers", "retentionConversions", "visitorsCapped", "paymentAttemptsBlocked");
    static final List<String> NULLABLE = List.of("conversionRate", "cartConversionRate", "checkoutAbandonmentRate", "paymentFailureRate",
            "repeatPurchaseRate", "partnerRejectionRate", "medianPlacedToShippedMinutes");
    static final String[] WEEK = {"2031-03-03", "2031-03-04", "2031-03-05", "2031-03-06", "2031-03-07", "2031-03-08", "2031-03-09"};

    final Insights insights = Insights.get();

    static Instant at(String dateTime) {
        return Instant.parse(dateTime);
    }

    /** The event as a request with these headers would have produced it (campaign null: no X-Campaign). */
    static String from(String channel, String campaign, String event) {
        try {
            ObjectNode node = (ObjectNode) Events.JSON.readTree(event);
            node.put("channel", channel);
            if (campaign != null) {
                node.put("campaign", campaign);
            }
            return node.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An order event of the relay that names its cart (order.placed, order.payment_failed). */
    static String ofCart(String cart, String event) {
        try {
            ObjectNode node = (ObjectNode) Events.JSON.readTree(event);
            node.withObject("/data").put("cartId", Events.cartIdOf(cart));
            return node.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_scripted_week_from_two_channels_and_two_campaigns_then_every_split_KPI_roas_and_cost_per_order_are_the_hand_computed_ones() {
        String r = UUID.randomUUID().toString().substring(0, 8);
        String a = "spring-" + r, b = "summer-" + r;
        String v1 = "v1-" + r, v2 = "v2-" + r, v3 = "v3-" + r, v4 = "v4-" + r;
        String c1 = "c1" + r, c2 = "c2" + r, c3 = "c3" + r, c4 = "c4" + r;
        String cust1 = "cust1-" + r, cust2 = "cust2-" + r;
        String o1 = Events.newOrderId(), o2 = Events.newOrderId(), o2failed = Events.newOrderId(), o3 = Events.newOrderId(), o4 = Events.newOrderId();
        List<String> week = new ArrayList<>();
        // Mon: v1 on mobile from campaign A: view, cart, checkout -> o1 (EUR 30.00, cust1's first order), requested; shipped Tue, 1470 min later.
        week.add(from("mobile", a, Events.viewed(at("2031-03-03T10:00:00Z"), v1, "tablet")));
        week.add(from("mobile", a, Events.cartCreated(at("2031-03-03T10:05:00Z"), v1, cust1, c1)));
        week.add(from("mobile", a, Events.checkoutStarted(at("2031-03-03T10:06:00Z"), v1, cust1, c1)));
        String o1placed = ofCart(c1, Events.placed(o1, at("2031-03-03T10:07:00Z"), 3000, "EUR", cust1, null));
        week.add(o1placed);
        week.add(o1placed); // a duplicate: counted once
        week.add(Events.orderEvent("order.fulfilment_requested", o1, at("2031-03-03T11:00:00Z")));
        week.add(Events.orderEvent("order.shipped", o1, at("2031-03-04T10:37:00Z")));
        // Tue: v2 by email from campaign B: 2 views (one delivered twice), a cart, a declined checkout, a second one -> o2 (EUR 50.00, guest).
        String v2view = from("email", b, Events.viewed(at("2031-03-04T09:00:00Z"), v2, "tablet"));
        week.add(v2view);
        week.add(v2view);
        week.add(from("email", b, Events.viewed(at("2031-03-04T09:01:00Z"), v2, "cover")));
        week.add(from("email", b, Events.cartCreated(at("2031-03-04T09:02:00Z"), v2, null, c2)));
        week.add(from("email", b, Events.checkoutStarted(at("2031-03-04T09:03:00Z"), v2, null, c2)));
        week.add(ofCart(c2, Events.orderEvent("order.payment_failed", o2failed, at("2031-03-04T09:03:01Z"))));
        week.add(from("email", b, Events.checkoutFailed(at("2031-03-04T09:03:02Z"), v2, null, c2, "PAYMENT_DECLINED")));
        week.add(from("email", b, Events.checkoutStarted(at("2031-03-04T09:04:00Z"), v2, null, c2)));
        week.add(ofCart(c2, Events.placed(o2, at("2031-03-04T09:04:01Z"), 5000, "EUR", null, null)));
        // Wed: v3 on mobile from campaign B views; Thu v3 comes back without a campaign and buys: o3 (EUR 20.00, cust1's second
        // order). The last touch with a campaign (B, one day old) wins over the direct visit.
        week.add(from("mobile", b, Events.viewed(at("2031-03-05T12:00:00Z"), v3, "cover")));
        week.add(from("mobile", null, Events.viewed(at("2031-03-06T12:00:00Z"), v3, "cover")));
        week.add(from("mobile", null, Events.cartCreated(at("2031-03-06T12:01:00Z"), v3, cust1, c3)));
        week.add(from("mobile", null, Events.checkoutStarted(at("2031-03-06T12:02:00Z"), v3, cust1, c3)));
        week.add(ofCart(c3, Events.placed(o3, at("2031-03-06T12:03:00Z"), 2000, "EUR", cust1, null)));
        // Fri: v4 by email from campaign A views; Sat v4 comes from campaign B and buys: o4 (EUR 40.00, cust2's first), first touch A,
        // last touch B; requested Sat, rejected Sun.
        week.add(from("email", a, Events.viewed(at("2031-03-07T08:00:00Z"), v4, "tablet")));
        week.add(from("email", b, Events.viewed(at("2031-03-08T08:00:00Z"), v4, "tablet")));
        week.add(from("email", b, Events.cartCreated(at("2031-03-08T08:01:00Z"), v4, cust2, c4)));
        week.add(from("email", b, Events.checkoutStarted(at("2031-03-08T08:02:00Z"), v4, cust2, c4)));
        week.add(ofCart(c4, Events.placed(o4, at("2031-03-08T08:03:00Z"), 4000, "EUR", cust2, null)));
        week.add(Events.orderEvent("order.fulfilment_requested", o4, at("2031-03-08T09:00:00Z")));
        week.add(Events.orderEvent("order.rejected", o4, at("2031-03-09T09:00:00Z")));
        insights.deliverAll(week);

        // Spend: A EUR 15.00 (Mon's first PUT replaced), B EUR 30.00 and USD 7.00 (a currency without orders); B's Monday after is outside.
        assertThat(putCampaign(a, "{\"name\":\"Spring\",\"spend\":[{\"date\":\"2031-03-03\",\"amount\":800,\"currency\":\"EUR\"}]}").status()).isEqualTo(201);
        assertThat(putCampaign(a, "{\"name\":\"Spring sale\",\"spend\":[{\"date\":\"2031-03-03\",\"amount\":1000,\"currency\":\"EUR\"},"
                + "{\"date\":\"2031-03-07\",\"amount\":500,\"currency\":\"EUR\"}]}").status()).isEqualTo(200);
        assertThat(putCampaign(b, "{\"name\":\"Summer\",\"spend\":[{\"date\":\"2031-03-04\",\"amount\":2000,\"currency\":\"EUR\"},"
                + "{\"date\":\"2031-03-04\",\"amount\":700,\"currency\":\"USD\"},{\"date\":\"2031-03-08\",\"amount\":1000,\"currency\":\"EUR\"},"
                + "{\"date\":\"2031-03-10\",\"amount\":9999,\"currency\":\"EUR\"}]}").status()).isEqualTo(201);

        Map<String, JsonNode> channels = groups("channel");
        JsonNode mobile = channels.get("mobile");
        String mobileMon = "visitors=1 productViews=1 cartsCreated=1 checkoutsStarted=1 ordersPlaced=1 fulfilmentsRequested=1 customersWithOrders=1"
                + " revenue.EUR=3000 averageOrderValue.EUR=3000 conversionRate=1.0000 cartConversionRate=1.0000 checkoutAbandonmentRate=0.0000"
                + " paymentFailureRate=0.0000 repeatPurchaseRate=0.0000 partnerRejectionRate=0.0000";
        String repeated = "customersWithOrders=1 repeatCustomers=1 repeatPurchaseRate=1.0000";
        expectWeek(mobile,
                mobileMon,
                "ordersShipped=1 medianPlacedToShippedMinutes=1470 customersWithOrders=1 repeatPurchaseRate=0.0000",
                "visitors=1 productViews=1 conversionRate=0.0000 customersWithOrders=1 repeatPurchaseRate=0.0000",
                "visitors=1 productViews=1 cartsCreated=1 checkoutsStarted=1 ordersPlaced=1 revenue.EUR=2000 averageOrderValue.EUR=2000"
                        + " conversionRate=1.0000 cartConversionRate=1.0000 checkoutAbandonmentRate=0.0000 paymentFailureRate=0.0000 " + repeated,
                repeated, repeated, repeated);
        expectTotals(mobile, 2, "{\"EUR\":5000}", 2, "{\"EUR\":5000}");

        JsonNode email = channels.get("email");
        String emailTue = "visitors=1 productViews=2 cartsCreated=1 checkoutsStarted=2 checkoutsFailed=1 ordersPlaced=1 paymentsFailed=1"
                + " revenue.EUR=5000 averageOrderValue.EUR=5000 conversionRate=1.0000 cartConversionRate=1.0000 checkoutAbandonmentRate=0.5000"
                + " paymentFailureRate=0.5000";
        String emailSat = "visitors=1 productViews=1 cartsCreated=1 checkoutsStarted=1 ordersPlaced=1 fulfilmentsRequested=1 customersWithOrders=1"
                + " revenue.EUR=4000 averageOrderValue.EUR=4000 conversionRate=1.0000 cartConversionRate=1.0000 checkoutAbandonmentRate=0.0000"
                + " paymentFailureRate=0.0000 repeatPurchaseRate=0.0000 partnerRejectionRate=0.0000";
        String rejectedSun = "ordersRejected=1 customersWithOrders=1 repeatPurchaseRate=0.0000";
        expectWeek(email, "", emailTue, "", "", "visitors=1 productViews=1 conversionRate=0.0000", emailSat, rejectedSun);
        expectTotals(email, 2, "{\"EUR\":9000}", 2, "{\"EUR\":9000}");
        assertThat(email.has("spend")).as("channels have no spend").isFalse();

        Map<String, JsonNode> campaigns = groups("campaign");
        JsonNode spring = campaigns.get(a);
        String once = "customersWithOrders=1 repeatPurchaseRate=0.0000";
        expectWeek(spring, mobileMon,
                "ordersShipped=1 medianPlacedToShippedMinutes=1470 " + once, once,
                repeated, // cust1's second order (campaign B) counts for A, which brought cust1
                "visitors=1 productViews=1 conversionRate=0.0000 " + repeated, repeated, repeated);
        expectTotals(spring, 1, "{\"EUR\":3000}", 2, "{\"EUR\":7000}");   // first touch: o1 and o4
        assertThat(spring.path("name").asText()).isEqualTo("Spring sale");
        assertThat(spring.path("spend").toString()).isEqualTo("{\"EUR\":1500}");          // 1000 + 500
        assertThat(spring.path("roas").path("EUR").decimalValue()).isEqualByComparingTo("2.0000");    // 3000 / 1500
        assertThat(spring.path("costPerOrder").toString()).isEqualTo("{\"EUR\":1500}");   // 1500 / 1

        JsonNode summer = campaigns.get(b);
        expectWeek(summer, "", emailTue, "visitors=1 productViews=1 conversionRate=0.0000",
                "ordersPlaced=1 revenue.EUR=2000 averageOrderValue.EUR=2000 paymentFailureRate=0.0000", // o3: no visitor of B that day
                "", emailSat, rejectedSun);
        expectTotals(summer, 3, "{\"EUR\":11000}", 2, "{\"EUR\":7000}");  // last touch o2, o3, o4; first touch o2, o3
        assertThat(summer.path("spend").toString()).isEqualTo("{\"EUR\":3000,\"USD\":700}");
        assertThat(summer.path("roas").path("EUR").decimalValue()).isEqualByComparingTo("3.6667");   // 11000 / 3000
        assertThat(summer.path("roas").path("USD").decimalValue()).isEqualByComparingTo("0.0000");   // no USD order
        assertThat(summer.path("costPerOrder").toString()).isEqualTo("{\"EUR\":1000}");  // 3000 / 3; USD: no order, no cost per order

        // Thu's direct visit counts its funnel for "no campaign" (other tests' unattributed customers share that group: not checked).
        assertThat(campaigns.get("none").has("spend")).as("no campaign has no spend").isFalse();
        JsonNode none = campaigns.get("none").path("items").get(3);
        expect(none, "visitors=1 productViews=1 cartsCreated=1 checkoutsStarted=1 conversionRate=0.0000 cartConversionRate=0.0000"
                + " checkoutAbandonmentRate=1.0000", false);
    }

    @Test
    void bad_campaign_input_and_an_unknown_group_by_then_400_naming_the_field() {
        assertProblem(insights.kpis("?from=2031-03-03&to=2031-03-09&groupBy=country", "ops", "admin"), "groupBy");
        assertProblem(putCampaign("spring", "{\"name\":\"S\",\"spend\":[{\"date\":\"2031-03-03\",\"amount\":-1,\"currency\":\"EUR\"}]}"), "spend[0].amount");
        assertProblem(putCampaign("spring", "{\"name\":\"S\",\"spend\":[{\"date\":\"2031-02-30\",\"amount\":1,\"currency\":\"EUR\"}]}"), "spend[0].date");
        assertProblem(putCampaign("spring", "{\"name\":\"S\",\"spend\":[{\"date\":\"2031-03-03\",\"amount\":1,\"currency\":\"EUR\"},"
                + "{\"date\":\"2031-03-03\",\"amount\":2,\"currency\":\"EUR\"}]}"), "spend[1].date");
        assertProblem(putCampaign("none", "{\"name\":\"S\"}"), "campaignId");
        assertProblem(putCampaign("Spring%20Sale", "{\"name\":\"S\"}"), "campaignId");
        assertThat(insights.admin.http(HttpCall.put("/admin/campaigns/spring").json("{\"name\":\"S\"}").as("alice")).status()).isEqualTo(403);
    }

    private void assertProblem(HttpResult result, String field) {
        assertThat(result.status()).as(result.toString()).isEqualTo(400);
        assertThat(result.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(result.body()).contains(field);
    }

    private HttpResult putCampaign(String campaignId, String body) {
        return insights.admin.http(HttpCall.put("/admin/campaigns/" + campaignId).json(body).as("ops", "admin"));
    }

    private Map<String, JsonNode> groups(String by) {
        HttpResult result = insights.kpis("?from=2031-03-03&to=2031-03-09&groupBy=" + by, "ops", "admin");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().path("groupBy").asText()).isEqualTo(by);
        Map<String, JsonNode> groups = new HashMap<>();
        result.json().path("groups").forEach(g -> groups.put(g.path("group").asText(), g));
        return groups;
    }

    private static void expectTotals(JsonNode group, long orders, String revenue, long firstTouchOrders, String firstTouchRevenue) {
        assertThat(group.path("ordersPlaced").asLong()).as(group.path("group") + " ordersPlaced").isEqualTo(orders);
        assertThat(group.path("revenue").toString()).isEqualTo(revenue);
        assertThat(group.path("firstTouchOrders").asLong()).as(group.path("group") + " firstTouchOrders").isEqualTo(firstTouchOrders);
        assertThat(group.path("firstTouchRevenue").toString()).isEqualTo(firstTouchRevenue);
    }

    /** Each day of the week, strictly: every count not named is 0, every rate not named null, revenue only as named. */
    private static void expectWeek(JsonNode group, String... days) {
        JsonNode items = group.path("items");
        assertThat(items).hasSize(7);
        for (int i = 0; i < 7; i++) {
            assertThat(items.get(i).path("date").asText()).isEqualTo(WEEK[i]);
            expect(items.get(i), days[i], true);
        }
    }

    private static void expect(JsonNode row, String expected, boolean strict) {
        Map<String, String> values = new HashMap<>();
        for (String pair : expected.trim().split("\\s+")) {
            if (!pair.isEmpty()) {
                values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        String where = row.path("date").asText() + " ";
        values.forEach((field, value) -> {
            JsonNode actual = field.contains(".") ? row.path(field.substring(0, field.indexOf('.'))).path(field.substring(field.indexOf('.') + 1)) : row.path(field);
            assertThat(actual.decimalValue()).as(where + field).isEqualByComparingTo(value);
        });
        if (!strict) {
            return;
        }
        for (String count : COUNTS) {
            if (!values.containsKey(count)) {
                assertThat(row.path(count).asLong()).as(where + count).isZero();
            }
        }
        for (String rate : NULLABLE) {
            if (!values.containsKey(rate)) {
                assertThat(row.path(rate).isNull()).as(where + rate + " is null, is " + row.path(rate)).isTrue();
            }
        }
        long currencies = values.keySet().stream().filter(f -> f.startsWith("revenue.")).count();
        assertThat(row.path("revenue").size()).as(where + "revenue currencies").isEqualTo((int) currencies);
    }
}
