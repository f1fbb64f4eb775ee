package dev.storefront.catalog;

import dev.storefront.domain.Ids;
import dev.storefront.domain.Problem;
import dev.storefront.domain.catalog.Category;
import dev.storefront.http.QueryParams;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Public catalog reads. */
@Controller
class ProductRoutes {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final Catalog catalog;

    ProductRoutes(Catalog catalog) {
        this.catalog = catalog;
    }

    @Get("/products")
    ProductPage list(@Nullable @QueryValue String category, @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        if (category != null && !Ids.isCategory(category)) {
            throw Problem.invalid("category", "category must be 1-40 lower-case letters, digits or '-'");
        }
        return catalog.page(category, QueryParams.intInRange("limit", limit, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE), cursor);
    }

    @Get("/products/{productId}")
    ProductView get(String productId) {
        if (!Ids.isProductId(productId)) {
            throw Problem.notFound("product " + Problem.quote(productId));
        }
        return catalog.product(productId);
    }

    @Serdeable
    record Categories(List<Category> items) {
    }

    @Get("/categories")
    Categories categories() {
        return new Categories(catalog.categories());
    }
}
