package dev.storefront.search;

import dev.storefront.analytics.FunnelEvents;
import dev.storefront.domain.Caller;
import dev.storefront.searchindex.SearchIndex;
import dev.storefront.searchindex.SearchRequest;
import dev.storefront.searchindex.SearchResults;
import dev.storefront.searchindex.TextAnalysis;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

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
    SearchPage search(HttpRequest<?> http) {
        Map<String, String> p = RawQuery.of(http);
        SearchRequest request = SearchRequest.parse(p.get("q"), p.get("category"), p.get("attributes"), p.get("minPrice"),
                p.get("maxPrice"), p.get("inStock"), p.get("sort"), p.get("limit"), p.get("cursor"));
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
    Suggestions suggest(HttpRequest<?> http) {
        return Suggestions.of(index.suggest(RawQuery.of(http).get("q")));
    }
}
