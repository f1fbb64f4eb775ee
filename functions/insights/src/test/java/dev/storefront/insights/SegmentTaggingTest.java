package dev.storefront.insights;

import org.junit.jupiter.api.Test;

import static dev.storefront.insights.Customers.orderId;
import static dev.storefront.insights.Customers.placed;
import static dev.storefront.insights.Customers.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Customers tagged on their orders by rules stored as data (campus, loyal, new are defined by PUT in the fixture). */
class SegmentTaggingTest {

    final Customers customers = Customers.get();

    @Test
    void an_edu_email_when_the_first_order_is_placed_then_the_customer_is_in_campus_and_new() {
        String ada = unique("ada");

        assertThat(customers.deliver(placed(orderId(), ada, "ada@cs.mit.edu", customers.product("books")))).isEmpty();

        assertThat(customers.orderCount(ada)).isEqualTo(1);
        assertThat(customers.segments(ada)).contains("campus", "new").doesNotContain("loyal");
        assertThat(customers.isMember("campus", ada)).isTrue();
        assertThat(customers.isMember("new", ada)).isTrue();
        assertThat(customers.profile(ada)).as("the email is used, never stored").doesNotContainKey("email")
                .allSatisfy((name, value) -> assertThat(String.valueOf(value)).doesNotContain("mit.edu"));
    }

    @Test
    void orders_one_after_another_then_new_is_left_on_the_second_and_loyal_joined_on_the_third() {
        String bob = unique("bob");
        String product = customers.product("books");

        customers.deliver(placed(orderId(), bob, "bob@example.com", product));
        assertThat(customers.segments(bob)).contains("new").doesNotContain("campus", "loyal");

        customers.deliver(placed(orderId(), bob, "bob@example.com", product));
        assertThat(customers.segments(bob)).doesNotContain("new", "loyal");
        assertThat(customers.isMember("new", bob)).as("the membership item is gone too").isFalse();

        customers.deliver(placed(orderId(), bob, "bob@example.com", product));
        assertThat(customers.orderCount(bob)).isEqualTo(3);
        assertThat(customers.segments(bob)).contains("loyal").doesNotContain("new");
        assertThat(customers.isMember("loyal", bob)).isTrue();
    }

    @Test
    void the_same_order_placed_event_three_times_then_the_order_is_counted_once() {
        String cy = unique("cy");
        String order = placed(orderId(), cy, "cy@example.com", customers.product("books"));

        assertThat(customers.deliver(order, order)).isEmpty();
        assertThat(customers.deliver(order)).isEmpty();

        assertThat(customers.orderCount(cy)).isEqualTo(1);
        assertThat(customers.segments(cy)).contains("new");
    }

    @Test
    void a_guest_order_then_nobody_is_tagged_and_nothing_fails() {
        assertThat(customers.deliver(placed(orderId(), null, "guest@uni.edu", customers.product("books")))).isEmpty();
    }

    @Test
    void a_rule_added_by_an_admin_then_it_applies_to_the_next_order_without_a_deploy() {
        String segment = "vip-" + Customers.hex(4);
        String domain = ".x" + Customers.hex(4) + ".org";
        String dora = unique("dora");
        assertThat(customers.deliver(placed(orderId(), dora, "dora@shop" + domain, customers.product("books")))).isEmpty();
        assertThat(customers.segments(dora)).doesNotContain(segment);

        assertThat(customers.rule(segment, "{\"emailDomainEndsWith\":\"" + domain + "\",\"minOrders\":2}").status()).isEqualTo(201);
        assertThat(customers.deliver(placed(orderId(), dora, "dora@shop" + domain, customers.product("books")))).isEmpty();

        assertThat(customers.segments(dora)).contains(segment);
        assertThat(customers.isMember(segment, dora)).isTrue();
    }
}
