package dev.storefront.insights;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.storefront.insights.Customers.delivered;
import static dev.storefront.insights.Customers.orderId;
import static dev.storefront.insights.Customers.placed;
import static dev.storefront.insights.Customers.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** A personal coupon for a customer's first delivered order, once, and the email partner told once. */
class RetentionCouponTest {

    final Customers customers = Customers.get();

    @Test
    void a_first_order_when_it_is_delivered_twice_then_one_coupon_for_its_categories_and_one_valid_notification() {
        String eve = unique("eve");
        String order = orderId();
        String shoes = customers.product("shoes");
        String socks = customers.product("socks");
        assertThat(customers.deliver(placed(order, eve, "eve@example.com", shoes, socks))).isEmpty();
        Instant before = Instant.now();

        assertThat(customers.deliver(delivered(order))).isEmpty();
        assertThat(customers.deliver(delivered(order), delivered(order))).as("duplicates are acknowledged").isEmpty();

        List<Map<String, AttributeValue>> coupons = customers.couponsOf(eve);
        assertThat(coupons).hasSize(1);
        Map<String, AttributeValue> coupon = coupons.get(0);
        String code = coupon.get("code").s();
        assertThat(code).startsWith("BACK-");
        assertThat(coupon.get("kind").s()).isEqualTo("PERCENTAGE");
        assertThat(coupon.get("percentOff").n()).isEqualTo("10");
        assertThat(coupon.get("customerId").s()).isEqualTo(eve);
        assertThat(coupon.get("singleUse").bool()).isTrue();
        assertThat(coupon.get("categories").ss()).containsExactlyInAnyOrder("shoes", "socks");
        assertThat(Duration.between(before, Instant.parse(coupon.get("expiresAt").s())).toDays()).isBetween(29L, 30L);

        List<JsonNode> notifications = customers.notificationsFor(eve);
        assertThat(notifications).hasSize(1);
        JsonNode notification = notifications.get(0);
        assertThat(notification.path("type").asText()).isEqualTo("customer.coupon_issued");
        assertThat(notification.has("orderId")).isFalse();
        assertThat(notification.at("/data/code").asText()).isEqualTo(code);
        assertThat(notification.at("/data/percentOff").asInt()).isEqualTo(10);
        assertThat(notification.at("/data/expiresAt").asText()).isEqualTo(coupon.get("expiresAt").s());
        assertThat(notification.at("/data/categories")).hasSize(2);
    }

    @Test
    void after_a_handful_of_orders_with_a_tablet_when_a_first_tablet_order_is_delivered_then_the_coupon_names_the_products_bought_with_it() {
        String tablets = unique("tablets"), accessories = unique("accessories"), clothes = unique("clothes");
        String tablet = customers.product(tablets), cover = customers.product(accessories), charger = customers.product(accessories);
        String socks = customers.product(clothes);
        // Other shoppers' orders: tablet with cover 3 times, with charger twice; cover with socks once.
        assertThat(customers.deliver(placed(orderId(), unique("a"), "a@example.com", tablet, cover),
                placed(orderId(), unique("b"), "b@example.com", tablet, cover, charger),
                placed(orderId(), null, "c@example.com", tablet, cover),
                placed(orderId(), unique("d"), "d@example.com", tablet, charger),
                placed(orderId(), unique("e"), "e@example.com", cover, socks))).isEmpty();
        String gus = unique("gus");
        String order = orderId();
        assertThat(customers.deliver(placed(order, gus, "gus@example.com", tablet))).isEmpty();
        assertThat(customers.deliver(placed(order, gus, "gus@example.com", tablet))).as("a duplicate counts no pair").isEmpty();

        assertThat(customers.deliver(delivered(order))).isEmpty();

        Map<String, AttributeValue> coupon = customers.couponsOf(gus).get(0);
        assertThat(coupon.get("categories").ss()).as("the tablet's and its related products'").containsExactlyInAnyOrder(tablets, accessories);
        JsonNode notification = customers.notificationsFor(gus).get(0);
        List<String> named = new java.util.ArrayList<>();
        notification.at("/data/products").forEach(p -> named.add(p.asText()));
        assertThat(named).as("most often bought with the tablet first; never the tablet").containsExactly(cover, charger);
    }

    @Test
    void a_customer_who_already_got_a_coupon_when_another_order_is_delivered_then_no_second_coupon() {
        String fay = unique("fay");
        String first = orderId();
        String second = orderId();
        String product = customers.product("garden");
        customers.deliver(placed(first, fay, "fay@example.com", product), placed(second, fay, "fay@example.com", product));
        customers.deliver(delivered(first));
        String code = customers.couponsOf(fay).get(0).get("code").s();

        assertThat(customers.deliver(delivered(second))).isEmpty();

        assertThat(customers.couponsOf(fay)).singleElement().satisfies(c -> assertThat(c.get("code").s()).isEqualTo(code));
        assertThat(customers.profile(fay).get("firstDeliveredOrderId").s()).isEqualTo(first);
        assertThat(customers.notificationsFor(fay)).hasSize(1);
    }

    @Test
    void order_delivered_before_order_placed_then_it_fails_alone_and_succeeds_once_the_facts_are_known() {
        String gus = unique("gus");
        String order = orderId();
        String other = orderId();

        assertThat(customers.deliver(placed(other, unique("someone"), "s@example.com", customers.product("toys")), delivered(order)))
                .as("only the early delivery fails, for a redelivery").containsExactly(1);
        assertThat(customers.couponsOf(gus)).isEmpty();

        assertThat(customers.deliver(placed(order, gus, "gus@example.com", customers.product("toys")))).isEmpty();
        assertThat(customers.deliver(delivered(order))).isEmpty();

        assertThat(customers.couponsOf(gus)).hasSize(1);
    }

    @Test
    void a_guest_order_when_it_is_delivered_then_no_coupon_and_no_failure() {
        String order = orderId();
        customers.deliver(placed(order, null, "guest@example.com", customers.product("toys")));

        assertThat(customers.deliver(delivered(order))).isEmpty();
    }
}
