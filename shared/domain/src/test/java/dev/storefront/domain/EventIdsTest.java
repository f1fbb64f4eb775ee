package dev.storefront.domain;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventIdsTest {

    @Test
    void the_same_name_always_gives_the_same_version_3_id_and_other_names_other_ids() {
        UUID placed = EventIds.of("0123456789abcdef0123456789abcdef:PLACED");

        assertThat(EventIds.of("0123456789abcdef0123456789abcdef:PLACED")).isEqualTo(placed);
        assertThat(placed.version()).isEqualTo(3);
        assertThat(placed.variant()).isEqualTo(2);
        assertThat(EventIds.of("0123456789abcdef0123456789abcdef:SHIPPED")).isNotEqualTo(placed);
        assertThat(EventIds.of("0123456789abcdef0123456789abcdeF:PLACED")).isNotEqualTo(placed);
    }

    @Test
    void ids_are_stable_across_releases() {
        // Consumers keep ids to drop duplicates: a change of namespace or algorithm would let
        // every replayed event through again.
        // Python: uuid.uuid3(uuid.UUID("5f0b1c52-8d3e-4c8e-9a55-2f6f0e7d9b13"), "order:PLACED")
        assertThat(EventIds.of("order:PLACED")).hasToString("0d11cf70-bf2d-3c34-ac36-6d65135b0cd3");
    }

    @Test
    void a_blank_name_is_refused() {
        assertThatThrownBy(() -> EventIds.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
