package dev.storefront.searchindex;

import java.util.List;

/** Reads posting lists by key ({@link IndexKeys}), counting what it spends. */
interface PostingLists {

    /** Every posting on the list (empty for an unknown key); a consistent snapshot is not needed. */
    List<Posting> read(String key);

    /** Round trips and read units spent so far by this reader. */
    SearchResults.ReadCost cost();
}
