package dev.storefront.searchindex;

import java.util.List;

/** Reads posting lists by key ({@link IndexKeys}), counting what it spends. */
interface PostingLists {

    /** Every posting on the list (empty for an unknown key); a consistent snapshot is not needed. */
    List<Posting> read(String key);

    /**
     * The lists a search is about to read, all at once: a store may fetch them side by side, so a
     * search of three lists waits for the slowest, not for the sum. The default reads nothing ahead.
     */
    default void prefetch(java.util.Collection<String> keys) {
    }

    /** Round trips and read units spent so far by this reader. */
    SearchResults.ReadCost cost();
}
