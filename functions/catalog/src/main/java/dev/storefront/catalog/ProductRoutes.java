package dev.storefront.catalog;

import dev.storefront.analytics.FunnelEvents;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Ids;
import dev.storefront.domain.Problem;
import dev.storefront.domain.catalog.Category;
import dev.storefront.http.QueryParams;
import dev.storefront.http.TokenVerifier;
import io.micronaut.http.HttpHeaders;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Public catalog reads. */
@Controller
class ProductRoutes {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final Catalog catalog;
    private final FunnelEvents funnel;
    private final TokenVerifier tokens;

    ProductRoutes(Catalog catalog, FunnelEvents funnel, TokenVerifier tokens) {
        this.catalog = catalog;
        this.funnel = funnel;
        this.tokens = tokens;
    }

    @Get("/products")
    ProductPage list(@Nullable @QueryValue String category, @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        if (category != null && !Ids.isCategory(category)) {
            throw Problem.invalid("category", "category must be 1-40 lower-case letters, digits or '-'");
        }
        return catalog.page(category, QueryParams.intInRange("limit", limit, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE), cursor);
    }

    @Get("/products/{productId}")
    ProductView get(String productId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!Ids.isProductId(productId)) {
            throw Problem.notFound("product " + Problem.quote(productId));
        }
        ProductView product = catalog.product(productId);
        funnel.productViewed(viewer(authorization), productId);
        return product;
    }

    /**
     * Who is looking, for the funnel only: a valid token's customer, else anonymous. Catalog reads
     * are public, so an expired or foreign token never turns a product page into a 401.
     */
    private Caller viewer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Caller.ANONYMOUS;
        }
        return tokens.verify(authorization).map(Caller::fromClaims).orElse(Caller.ANONYMOUS);
    }

    @Serdeable
    record Categories(List<Category> items) {
    }

    @Get("/categories")
    Categories categories() {
        return new Categories(catalog.categories());
    }
}
