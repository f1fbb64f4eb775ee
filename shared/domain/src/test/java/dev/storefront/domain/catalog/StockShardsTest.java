package dev.storefront.domain.catalog;

import dev.storefront.domain.Problem;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StockShardsTest {

    @Test
    void an_unsharded_sku_keeps_its_units_on_its_own_item_and_tries_only_it() {
        assertThat(StockShards.split(50, 1, 0)).containsExactly(50);
        assertThat(StockShards.tryOrder(1, new Random(1))).containsExactly(0);
        assertThat(StockShards.key("GEL-1", 0)).isEqualTo("GEL-1");
    }

    @Test
    void fifty_units_over_four_shards_are_13_13_12_12_and_none_on_the_sku_item() {
        assertThat(StockShards.split(50, 4, 0)).containsExactly(0, 13, 13, 12, 12);
        assertThat(StockShards.key("GEL-1", 3)).isEqualTo("GEL-1#3");
    }

    @Test
    void shards_a_sku_no_longer_uses_are_set_to_zero() {
        assertThat(StockShards.split(10, 2, 4)).containsExactly(0, 5, 5, 0, 0);
        assertThat(StockShards.split(10, 1, 4)).containsExactly(10, 0, 0, 0, 0);
    }

    @Property
    void a_split_never_makes_or_loses_a_unit(@ForAll @LongRange(max = 1_000_000_000L) long total,
                                             @ForAll @IntRange(min = 1, max = StockShards.MAX) int shards,
                                             @ForAll @IntRange(max = StockShards.MAX) int slots) {
        long[] units = StockShards.split(total, shards, slots);
        assertThat(LongStream.of(units).sum()).isEqualTo(total);
        if (shards > 1) {
            long[] used = LongStream.of(units).skip(1).limit(shards).toArray();
            assertThat(units[0]).isZero();
            assertThat(LongStream.of(used).max().orElseThrow() - LongStream.of(used).min().orElseThrow()).isLessThanOrEqualTo(1);
        }
    }

    @Property
    void a_reservation_tries_every_shard_once_and_the_sku_item_last(@ForAll @IntRange(min = 2, max = StockShards.MAX) int shards,
                                                                   @ForAll long seed) {
        List<Integer> order = StockShards.tryOrder(shards, new Random(seed));
        assertThat(order).hasSize(shards + 1).doesNotHaveDuplicates().last().isEqualTo(0);
        assertThat(order).allMatch(i -> i >= 0 && i <= shards);
    }

    @Test
    void reservations_start_on_different_shards() {
        Random random = new Random(7);
        Set<Integer> first = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            first.add(StockShards.tryOrder(4, random).get(0));
        }
        assertThat(first).containsExactlyInAnyOrder(1, 2, 3, 4);
    }

    @Test
    void a_shard_count_outside_1_to_max_is_refused() {
        assertThatThrownBy(() -> StockShards.requireValid(0)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> StockShards.requireValid(StockShards.MAX + 1)).isInstanceOf(Problem.class);
        assertThat(StockShards.requireValid(4)).isEqualTo(4);
    }
}
