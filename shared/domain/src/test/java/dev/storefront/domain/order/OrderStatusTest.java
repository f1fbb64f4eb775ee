package dev.storefront.domain.order;

import dev.storefront.domain.Problem;
import org.junit.jupiter.api.Test;

import static dev.storefront.domain.order.OrderStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderStatusTest {

    @Test
    void the_happy_path_is_legal_step_by_step_and_nothing_skips_a_step() {
        assertThat(PENDING_PAYMENT.canMoveTo(PLACED)).isTrue();
        assertThat(PLACED.canMoveTo(FULFILMENT_REQUESTED)).isTrue();
        assertThat(FULFILMENT_REQUESTED.canMoveTo(ACCEPTED)).isTrue();
        assertThat(ACCEPTED.canMoveTo(SHIPPED)).isTrue();
        assertThat(SHIPPED.canMoveTo(DELIVERED)).isTrue();
        assertThat(FULFILMENT_REQUESTED.canMoveTo(SHIPPED)).as("shipped before accepted").isFalse();
        assertThat(DELIVERED.canMoveTo(DELIVERED)).isFalse();
    }

    @Test
    void cancellation_is_possible_only_before_shipment() {
        assertThat(PLACED.canMoveTo(CANCELLED)).isTrue();
        assertThat(ACCEPTED.canMoveTo(CANCELLED)).isTrue();
        assertThat(SHIPPED.canMoveTo(CANCELLED)).isFalse();
        assertThat(CANCELLED.isFinal()).isTrue();
        assertThat(CANCELLED.releasesStock()).isTrue();
        assertThat(DELIVERED.releasesStock()).isFalse();
    }

    @Test
    void addresses_need_the_parts_a_carrier_needs_and_an_iso_country() {
        ShippingAddress ok = new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10115", "DE");
        assertThat(ok.country()).isEqualTo("DE");
        assertThatThrownBy(() -> new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10115", "XX"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("shippingAddress.country"));
        assertThatThrownBy(() -> new ShippingAddress("", "1 Main St", null, "Berlin", null, "10115", "DE"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("shippingAddress.name"));
        assertThatThrownBy(() -> new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "<x>", "DE")).isInstanceOf(Problem.class);
    }

    @Test
    void emails_are_checked_for_shape() {
        assertThat(Email.require("ada@example.com")).isEqualTo("ada@example.com");
        for (String bad : new String[]{null, "", "ada", "ada@", "@example.com", "a b@example.com", "ada@localhost", "x".repeat(250) + "@example.com"}) {
            assertThatThrownBy(() -> Email.require(bad)).as(String.valueOf(bad)).isInstanceOf(Problem.class);
        }
    }
}
