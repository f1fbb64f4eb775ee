package dev.storefront.searchindex;

/**
 * Where in a product a word was found, as bits of one number on its posting, and what a match there
 * weighs: a name outweighs a category, a category outweighs a description, and a whole word
 * outweighs a prefix in the same field (docs/SEARCH.md, "Ranking").
 */
final class Fields {

    static final int NAME = 4;
    static final int CATEGORY = 2;
    static final int DESCRIPTION = 1;

    private Fields() {
    }

    /** The weight of a whole-word match in the best of these fields; 0 for none. */
    static int exactWeight(int fields) {
        if ((fields & NAME) != 0) {
            return 8;
        }
        if ((fields & CATEGORY) != 0) {
            return 4;
        }
        return (fields & DESCRIPTION) != 0 ? 2 : 0;
    }

    /** The weight of a prefix match; descriptions have no prefix postings. */
    static int prefixWeight(int fields) {
        if ((fields & NAME) != 0) {
            return 6;
        }
        return (fields & CATEGORY) != 0 ? 3 : 0;
    }
}
