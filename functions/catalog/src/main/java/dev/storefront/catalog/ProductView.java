package dev.storefront.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Money;
import dev.storefront.domain.catalog.Product;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/** A product as storefronts see it: every variant with its price and the stock available now. */
@Serdeable
record ProductView(String productId, String name, String description, String category, List<VariantView> variants) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record VariantView(String sku, Map<String, String> attributes, Money price, long weightGrams, String taxClass, long available) {
    }

    static ProductView of(Product product, Map<String, Long> available) {
        return new ProductView(product.productId(), product.name(), product.description(), product.category(),
                product.variants().stream()
                        .map(v -> new VariantView(v.sku(), v.attributes(), v.price(), v.weightGrams(),
                                v.taxClass().wireName(), available.getOrDefault(v.sku(), 0L)))
                        .toList());
    }
}
