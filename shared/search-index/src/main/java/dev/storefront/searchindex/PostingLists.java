package dev.storefront.searchindex;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads posting lists by key ({@link IndexKeys}), counting what it spends. */
interface PostingLists {

    /**
     * Every posting on the list (empty for an unknown key), or with a category only that
     * category's: a store keeps each list grouped by category, so a filtered search reads just its
     * part. A consistent snapshot is not needed.
     */
    List<Posting> read(String key, String category);

    /**
     * The lists a search is about to read, all at once: a store may fetch them side by side, so a
     * search of three lists waits for the slowest, not for the sum. The default reads nothing ahead.
     */
    default void prefetch(Collection<String> keys, String category) {
    }

    /**
     * Per key, the first {@code limit} products whose name is on that list, shortest name first,
     * then by product id: the order suggestions rank equal scores in, kept by the store so a
     * suggestion reads no more than it shows. {@code Integer.MAX_VALUE}: every name on the list.
     */
    Map<String, List<Suggestion>> shortestNames(Collection<String> keys, int limit);

    /** Round trips and read units spent so far by this reader. */
    SearchResults.ReadCost cost();
}
