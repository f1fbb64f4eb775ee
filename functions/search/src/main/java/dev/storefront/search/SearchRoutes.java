package dev.storefront.search;

import dev.storefront.analytics.FunnelEvents;
import dev.storefront.domain.Caller;
import dev.storefront.searchindex.SearchIndex;
import dev.storefront.searchindex.SearchRequest;
import dev.storefront.searchindex.SearchResults;
import dev.storefront.searchindex.TextAnalysis;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Product search and suggestions (docs/SEARCH.md): parse, ask the index, answer, count the search. */
@Controller("/search")
class SearchRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(SearchRoutes.class);

    private final SearchIndex index;
    private final FunnelEvents funnel;

    SearchRoutes(SearchIndex index, FunnelEvents funnel) {
        this.index = index;
        this.funnel = funnel;
        // Load Lucene's analyzers with the context, so a SnapStart snapshot holds them ready.
        TextAnalysis.words("warm");
    }

    @Get
    SearchPage search(@Nullable @QueryValue String q, @Nullable @QueryValue String category,
                      @Nullable @QueryValue String attributes, @Nullable @QueryValue String minPrice,
                      @Nullable @QueryValue String maxPrice, @Nullable @QueryValue String inStock,
                      @Nullable @QueryValue String sort, @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        SearchRequest request = SearchRequest.parse(q, category, attributes, minPrice, maxPrice, inStock, sort, limit, cursor);
        SearchResults results = index.search(request);
        LOG.info("Search matched {} products ({} on this page) in {} DynamoDB round trips, {} read units",
                results.total(), results.items().size(), results.cost().roundTrips(), results.cost().readUnits());
        if (request.cursor() == null) {
            // One search per question asked: later pages of it are not searches of their own.
            funnel.searchPerformed(Caller.ANONYMOUS, request.q(), results.total());
        }
        return SearchPage.of(results);
    }

    @Get("/suggest")
    Suggestions suggest(@Nullable @QueryValue String q) {
        return Suggestions.of(index.suggest(q));
    }
}
