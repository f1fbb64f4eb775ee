package dev.storefront.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.catalogstore.CoPurchases;
import dev.storefront.domain.Ids;
import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.catalog.Recommendation;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;

/**
 * {@code GET /products/{productId}/recommendations}: up to 8 products bought together with it (in
 * stock first), then of its category; never the product itself (docs/INSIGHTS.md, "Recommendations").
 */
@Controller
class RecommendationRoutes {

    private final CoPurchases coPurchases;

    RecommendationRoutes(CoPurchases coPurchases) {
        this.coPurchases = coPurchases;
    }

    @Serdeable
    record RecommendationView(String productId, String name, String category, Money price, boolean inStock, long boughtTogether, String reason) {
        static RecommendationView of(Recommendation r) {
            return new RecommendationView(r.productId(), r.name(), r.category(), r.price(), r.inStock(), r.boughtTogether(), r.reason());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // no recommendations is an empty list, not a missing field
    record RecommendationPage(String productId, List<RecommendationView> items) {
    }

    @Get("/products/{productId}/recommendations")
    RecommendationPage recommendations(String productId) {
        if (!Ids.isProductId(productId)) {
            throw Problem.notFound("product " + Problem.quote(productId));
        }
        List<Recommendation> items = coPurchases.recommendations(productId).orElseThrow(() -> Problem.notFound("product " + productId));
        return new RecommendationPage(productId, items.stream().map(RecommendationView::of).toList());
    }
}
