package dev.storefront.domain.catalog;

import dev.storefront.domain.Problem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A hot SKU's stock split over N shards, so a flash sale's reservations spread their writes over
 * N DynamoDB items (each partition takes about 1,000 writes a second) instead of queueing on one.
 * Shard 0 is the SKU's own stock item: an unsharded SKU keeps all its units there, exactly as
 * before sharding existed; a hot SKU keeps 0 there and its units on shards 1..N, and still sells
 * what lands on shard 0 (the give-back of an order reserved before the SKU went hot) last.
 */
public final class StockShards {

    /** Most shards a SKU may have: an admin set writes every shard (and its ledger entry) in one transaction of at most 100 items. */
    public static final int MAX = 32;
    /** Between a SKU and its shard number in a shard's key; a SKU never holds it ({@code Ids.isSku}). */
    public static final String SEPARATOR = "#";

    private StockShards() {
    }

    /** The shard count an admin asked for: 1 (not hot) to {@link #MAX}. */
    public static int requireValid(int shards) {
        if (shards < 1 || shards > MAX) {
            throw Problem.invalid("shards", "shards must be an integer from 1 (not hot) to " + MAX);
        }
        return shards;
    }

    /** The key of a SKU's shard in the Inventory table (and of its ledger partition): the SKU itself for shard 0. */
    public static String key(String sku, int shard) {
        return shard == 0 ? sku : sku + SEPARATOR + shard;
    }

    /**
     * Units per shard, index 0 to {@code slots}, when {@code total} units are set on a SKU with
     * {@code shards} shards: all on shard 0 when not hot; else as even as can be over 1..shards, the
     * first ones one more; shards past {@code shards} (up to {@code slots}, every shard it ever had) 0.
     */
    public static long[] split(long total, int shards, int slots) {
        long[] units = new long[Math.max(slots, shards == 1 ? 0 : shards) + 1];
        if (shards == 1) {
            units[0] = total;
            return units;
        }
        for (int i = 1; i <= shards; i++) {
            units[i] = total / shards + (i <= total % shards ? 1 : 0);
        }
        return units;
    }

    /** The shards a reservation tries, in order: 0 alone when not hot; else 1..shards at random, then 0. */
    public static List<Integer> tryOrder(int shards, Random random) {
        if (shards <= 1) {
            return List.of(0);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 1; i <= shards; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        order.add(0);
        return List.copyOf(order);
    }
}
