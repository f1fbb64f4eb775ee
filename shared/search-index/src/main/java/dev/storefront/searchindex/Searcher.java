package dev.storefront.searchindex;

import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Answers searches and suggestions from posting lists, whatever stores them (docs/SEARCH.md):
 * every term is required; the last one may be a prefix; a product scores, per term, the weight of
 * the best field it was found in ({@link Fields}); filters apply per variant (a product matches when
 * one of its variants passes them all, and shows the lowest price among those); facets count over
 * every match, not one page.
 */
final class Searcher {

    static final int MAX_SUGGESTIONS = 10;
    static final int MAX_FACET_VALUES = 50;

    private Searcher() {
    }

    /** A product that has every term so far, with its score so far. */
    private record Candidate(ProductSummary product, int score) {
    }

    static SearchResults search(SearchRequest request, PostingLists lists) {
        Map<String, Candidate> candidates = request.q() == null
                ? browse(request, lists)
                : match(TextAnalysis.words(request.q()), lists, 0, request.category());
        List<SearchResults.Hit> hits = new ArrayList<>();
        for (Candidate candidate : candidates.values()) {
            ProductSummary product = candidate.product();
            if (request.category() != null && !request.category().equals(product.category())) {
                continue;
            }
            List<ProductSummary.Variant> passing = product.variants().stream().filter(request::accepts).toList();
            if (passing.isEmpty()) {
                continue;
            }
            ProductSummary shown = new ProductSummary(product.productId(), product.name(), product.category(),
                    product.createdAt(), passing);
            Money minPrice = passing.stream().map(ProductSummary.Variant::price)
                    .min(Comparator.comparingLong(Money::amount)).orElseThrow();
            hits.add(new SearchResults.Hit(shown, minPrice, candidate.score()));
        }
        Comparator<SearchResults.Hit> order = order(request.sort());
        hits.sort(order);
        SearchResults.Facets facets = facets(hits);
        int from = 0;
        if (request.cursor() != null) {
            SearchCursor after = SearchCursor.decode(request.sort(), request.cursor());
            while (from < hits.size() && compare(request.sort(), hits.get(from), after) <= 0) {
                from++;
            }
        }
        int to = Math.min(hits.size(), from + request.limit());
        List<SearchResults.Hit> page = List.copyOf(hits.subList(from, to));
        String next = to < hits.size() ? SearchCursor.after(request.sort(), page.get(page.size() - 1)).encode() : null;
        return new SearchResults(page, facets, hits.size(), next, lists.cost());
    }

    static List<Suggestion> suggest(String q, PostingLists lists) {
        String words = SearchRequest.query(q);
        if (words == null) {
            throw Problem.invalid("q", "q must be the 1-" + SearchRequest.MAX_QUERY_LENGTH + " characters typed so far");
        }
        List<TextAnalysis.Word> analysed = TextAnalysis.words(words);
        Stream<Named> named = analysed.size() == 1 ? bestNamed(analysed.get(0), lists) : namedWithEvery(analysed, lists);
        return named.sorted(Comparator.comparingInt(Named::score).reversed()
                        .thenComparing(n -> n.name().length())
                        .thenComparing(Named::productId))
                .limit(MAX_SUGGESTIONS)
                .map(n -> new Suggestion(n.name(), n.productId()))
                .toList();
    }

    /** A name to suggest, with its score. */
    private record Named(String name, String productId, int score) {
    }

    /**
     * One word typed: the names with it as a whole word all score the same, and so do those with it
     * as a prefix, so the best ten of each list, in the store's shortest-name order, hold the
     * answer: no need to read every product under a short prefix.
     */
    private static Stream<Named> bestNamed(TextAnalysis.Word word, PostingLists lists) {
        String exact = IndexKeys.word(word.stem());
        String prefix = IndexKeys.isPrefix(word.folded()) ? IndexKeys.prefix(word.folded()) : null;
        Map<String, List<Suggestion>> best = lists.shortestNames(prefix == null ? List.of(exact) : List.of(exact, prefix),
                MAX_SUGGESTIONS);
        Map<String, Named> named = new LinkedHashMap<>();
        best.getOrDefault(exact, List.of()).forEach(s ->
                named.put(s.productId(), new Named(s.text(), s.productId(), Fields.exactWeight(Fields.NAME))));
        if (prefix != null) {
            best.getOrDefault(prefix, List.of()).forEach(s ->
                    named.putIfAbsent(s.productId(), new Named(s.text(), s.productId(), Fields.prefixWeight(Fields.NAME))));
        }
        return named.values().stream();
    }

    /**
     * Several words: each must be in the name, so the names on the first word's list are every
     * candidate. Their scores come from the names themselves, analysed as the index analysed them
     * ({@link IndexKeys#ofName}), which reads one list of small name entries instead of a full
     * posting list per word.
     */
    private static Stream<Named> namedWithEvery(List<TextAnalysis.Word> words, PostingLists lists) {
        String first = IndexKeys.word(words.get(0).stem());
        return lists.shortestNames(List.of(first), Integer.MAX_VALUE).getOrDefault(first, List.of()).stream()
                .map(s -> new Named(s.text(), s.productId(), nameScore(words, IndexKeys.ofName(s.text()))))
                .filter(n -> n.score() > 0);
    }

    /** The score {@link #match} gives a product for these words in its name; 0 when one is missing. */
    private static int nameScore(List<TextAnalysis.Word> words, Map<String, Integer> nameKeys) {
        Set<String> seen = new TreeSet<>();
        int score = 0;
        for (int i = 0; i < words.size(); i++) {
            TextAnalysis.Word word = words.get(i);
            boolean last = i == words.size() - 1;
            if (!last && !seen.add(word.stem())) {
                continue;
            }
            int weight = Fields.exactWeight(nameKeys.getOrDefault(IndexKeys.word(word.stem()), 0));
            if (last && IndexKeys.isPrefix(word.folded())) {
                weight = Math.max(weight, Fields.prefixWeight(nameKeys.getOrDefault(IndexKeys.prefix(word.folded()), 0)));
            }
            if (weight == 0) {
                return 0;
            }
            score += weight;
        }
        return score;
    }

    /**
     * The products that have every word (the last one whole or as a prefix), scored. With
     * {@code onlyFields} not 0, a word counts only where it is found in those fields; with a
     * {@code category}, only that category's postings are read.
     */
    private static Map<String, Candidate> match(List<TextAnalysis.Word> words, PostingLists lists, int onlyFields,
                                                String category) {
        if (words.isEmpty()) {
            return Map.of();
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            keys.add(IndexKeys.word(words.get(i).stem()));
            if (i == words.size() - 1 && IndexKeys.isPrefix(words.get(i).folded())) {
                keys.add(IndexKeys.prefix(words.get(i).folded()));
            }
        }
        lists.prefetch(keys.stream().distinct().toList(), category);
        Map<String, Candidate> candidates = null;
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < words.size(); i++) {
            TextAnalysis.Word word = words.get(i);
            boolean last = i == words.size() - 1;
            if (!last && !seen.add(word.stem())) {
                continue; // "shoe shoes" is one term
            }
            Map<String, Integer> scores = new HashMap<>();
            Map<String, ProductSummary> products = new HashMap<>();
            collect(lists.read(IndexKeys.word(word.stem()), category), onlyFields, true, scores, products);
            if (last && IndexKeys.isPrefix(word.folded())) {
                collect(lists.read(IndexKeys.prefix(word.folded()), category), onlyFields, false, scores, products);
            }
            Map<String, Candidate> next = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> score : scores.entrySet()) {
                String productId = score.getKey();
                Candidate before = candidates == null ? new Candidate(products.get(productId), 0) : candidates.get(productId);
                if (before != null) {
                    next.put(productId, new Candidate(products.get(productId), before.score() + score.getValue()));
                }
            }
            candidates = next;
            if (candidates.isEmpty()) {
                break; // every term is required: nothing more to read
            }
        }
        return candidates;
    }

    private static void collect(List<Posting> postings, int onlyFields, boolean exact, Map<String, Integer> scores,
                                Map<String, ProductSummary> products) {
        for (Posting posting : postings) {
            int fields = onlyFields == 0 ? posting.fields() : posting.fields() & onlyFields;
            int weight = exact ? Fields.exactWeight(fields) : Fields.prefixWeight(fields);
            if (weight > 0) {
                String productId = posting.product().productId();
                scores.merge(productId, weight, Math::max);
                products.put(productId, posting.product());
            }
        }
    }

    /** Without words: every product of the category, or with the first attribute filter's value. */
    private static Map<String, Candidate> browse(SearchRequest request, PostingLists lists) {
        String key = request.category() != null
                ? IndexKeys.category(request.category())
                : request.attributes().entrySet().stream().findFirst()
                        .map(a -> IndexKeys.attribute(a.getKey(), a.getValue())).orElseThrow();
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        lists.read(key, request.category()).forEach(p -> candidates.put(p.product().productId(), new Candidate(p.product(), 0)));
        return candidates;
    }

    private static SearchResults.Facets facets(List<SearchResults.Hit> hits) {
        Map<String, Integer> categories = new HashMap<>();
        Map<String, Map<String, Integer>> attributes = new TreeMap<>();
        SearchResults.Hit cheapest = null;
        SearchResults.Hit dearest = null;
        for (SearchResults.Hit hit : hits) {
            categories.merge(hit.product().category(), 1, Integer::sum);
            Map<String, Set<String>> values = new HashMap<>();
            hit.product().variants().forEach(v -> v.attributes().forEach((name, value) ->
                    values.computeIfAbsent(name, n -> new TreeSet<>()).add(value)));
            values.forEach((name, distinct) -> distinct.forEach(value ->
                    attributes.computeIfAbsent(name, n -> new HashMap<>()).merge(value, 1, Integer::sum)));
            if (cheapest == null || hit.minPrice().amount() < cheapest.minPrice().amount()) {
                cheapest = hit;
            }
            if (dearest == null || hit.minPrice().amount() > dearest.minPrice().amount()) {
                dearest = hit;
            }
        }
        Map<String, List<SearchResults.FacetValue>> attributeFacets = new LinkedHashMap<>();
        attributes.forEach((name, counts) -> attributeFacets.put(name, ranked(counts)));
        return new SearchResults.Facets(ranked(categories), attributeFacets, new SearchResults.PriceRange(
                cheapest == null ? null : cheapest.minPrice(), dearest == null ? null : dearest.minPrice()));
    }

    /** Most products first, then by value; the first {@link #MAX_FACET_VALUES}. */
    private static List<SearchResults.FacetValue> ranked(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_FACET_VALUES)
                .map(e -> new SearchResults.FacetValue(e.getKey(), e.getValue()))
                .toList();
    }

    private static Comparator<SearchResults.Hit> order(Sort sort) {
        Comparator<SearchResults.Hit> primary = switch (sort) {
            case RELEVANCE -> Comparator.comparingInt(SearchResults.Hit::score).reversed();
            case PRICE_ASC -> Comparator.comparingLong(h -> h.minPrice().amount());
            case PRICE_DESC -> Comparator.<SearchResults.Hit>comparingLong(h -> h.minPrice().amount()).reversed();
            case NEWEST -> Comparator.<SearchResults.Hit, String>comparing(h -> h.product().createdAt()).reversed();
        };
        return primary.thenComparing(h -> h.product().productId());
    }

    /** Where a hit stands against a cursor's position in the same order: negative before it. */
    private static int compare(Sort sort, SearchResults.Hit hit, SearchCursor cursor) {
        int primary = switch (sort) {
            case RELEVANCE -> Long.compare(Long.parseLong(cursor.value()), hit.score());
            case PRICE_ASC -> Long.compare(hit.minPrice().amount(), Long.parseLong(cursor.value()));
            case PRICE_DESC -> Long.compare(Long.parseLong(cursor.value()), hit.minPrice().amount());
            case NEWEST -> cursor.value().compareTo(hit.product().createdAt());
        };
        return primary != 0 ? primary : hit.product().productId().compareTo(cursor.productId());
    }
}
