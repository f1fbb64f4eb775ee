package dev.storefront.domain.catalog;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * One entry of the inventory ledger: a change of one stock item (a SKU's own item, or one shard of
 * a hot SKU), written in the same transaction as the change. An admin set is a checkpoint: it says
 * the item's {@code balance} outright (and its {@code delta} is 0, the set being absolute); every
 * other change is a signed {@code delta} of units. What the ledger expects an item to hold is its
 * last checkpoint plus the deltas after it ({@link #expected}).
 *
 * @param reference what made the change: the order for a reservation or release, the return for a
 *                  restock, the request for an admin set (unique per item and reason)
 */
public record StockChange(String sku, int shard, Reason reason, long delta, Long balance, String reference, Instant at) {

    public enum Reason { SET, RESERVE, RELEASE, RESTOCK }

    public StockChange {
        if ((reason == Reason.SET) != (balance != null)) {
            throw new IllegalArgumentException("an admin set, and only it, states a balance");
        }
    }

    /** An admin set the item to {@code balance} units. */
    public static StockChange set(String sku, int shard, long balance, String reference, Instant at) {
        return new StockChange(sku, shard, Reason.SET, 0, balance, reference, at);
    }

    /** An order took {@code units} from the item. */
    public static StockChange reserved(String sku, int shard, long units, String orderId, Instant at) {
        return new StockChange(sku, shard, Reason.RESERVE, -units, null, orderId, at);
    }

    /** An order that will not complete gave {@code units} back to the item. */
    public static StockChange released(String sku, int shard, long units, String orderId, Instant at) {
        return new StockChange(sku, shard, Reason.RELEASE, units, null, orderId, at);
    }

    /** Returned goods fit to sell again put {@code units} back on the item. */
    public static StockChange restocked(String sku, int shard, long units, String returnId, Instant at) {
        return new StockChange(sku, shard, Reason.RESTOCK, units, null, returnId, at);
    }

    /** The key of the stock item it changed, which is also its ledger partition: a hot SKU's shards never share one. */
    public String stockKey() {
        return StockShards.key(sku, shard);
    }

    /**
     * What the item should hold by these entries, newest first: the last admin set's balance plus
     * every delta after it; empty when no admin set is among them (stock set before the ledger
     * existed is checked from its next admin set).
     */
    public static OptionalLong expected(List<StockChange> newestFirst) {
        long since = 0;
        for (StockChange change : newestFirst) {
            if (change.reason() == Reason.SET) {
                return OptionalLong.of(change.balance() + since);
            }
            since += change.delta();
        }
        return OptionalLong.empty();
    }
}
