package dev.storefront.searchindex;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The posting lists a product is on, by key, each with the fields it was found in:
 * <ul>
 *   <li>{@code t#<stem>}: a whole word of the name, category or description;</li>
 *   <li>{@code p#<prefix>}: the first 2 to 20 letters (short of the whole word) of a word of the
 *       name or category, folded but not stemmed, for the last term of a query and suggestions;</li>
 *   <li>{@code c#<category>} and {@code a#<name>=<value>} (lower case): browsing by facets, no words.</li>
 * </ul>
 */
public final class IndexKeys {

    static final int MIN_PREFIX = 2;
    static final int MAX_PREFIX = 20;

    private IndexKeys() {
    }

    public static String word(String stem) {
        return "t#" + stem;
    }

    public static String prefix(String folded) {
        return "p#" + folded;
    }

    public static String category(String category) {
        return "c#" + category;
    }

    public static String attribute(String name, String value) {
        return "a#" + name.toLowerCase(Locale.ROOT) + "=" + value.toLowerCase(Locale.ROOT);
    }

    /** Whether a typed word is long enough to be looked up as a prefix. */
    static boolean isPrefix(String folded) {
        return folded.length() >= MIN_PREFIX && folded.length() <= MAX_PREFIX;
    }

    /** Every key the product is on, with the field bits of its posting there. */
    public static Map<String, Integer> of(IndexedProduct product) {
        Map<String, Integer> keys = new HashMap<>();
        ProductSummary summary = product.summary();
        add(keys, summary.name(), Fields.NAME, true);
        add(keys, summary.category(), Fields.CATEGORY, true);
        add(keys, product.description(), Fields.DESCRIPTION, false);
        keys.put(category(summary.category()), 0);
        summary.variants().forEach(v -> v.attributes().forEach((name, value) -> keys.put(attribute(name, value), 0)));
        return keys;
    }

    /** The word and prefix keys of a name alone, with the name's field bit: what its postings are. */
    static Map<String, Integer> ofName(String name) {
        Map<String, Integer> keys = new HashMap<>();
        add(keys, name, Fields.NAME, true);
        return keys;
    }

    private static void add(Map<String, Integer> keys, String text, int field, boolean withPrefixes) {
        for (TextAnalysis.Word word : TextAnalysis.words(text)) {
            keys.merge(word(word.stem()), field, (a, b) -> a | b);
            if (withPrefixes) {
                String folded = word.folded();
                for (int length = MIN_PREFIX; length < folded.length() && length <= MAX_PREFIX; length++) {
                    if (Character.isHighSurrogate(folded.charAt(length - 1))) {
                        continue; // never half a character (an emoji is two chars)
                    }
                    keys.merge(prefix(folded.substring(0, length)), field, (a, b) -> a | b);
                }
            }
        }
    }
}
