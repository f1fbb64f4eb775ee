package dev.storefront.catalog;

import dev.storefront.domain.Money;
import dev.storefront.domain.catalog.Product;
import dev.storefront.domain.catalog.Variant;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a product is stored in the Products table, and back. */
final class ProductItems {

    static final String PRODUCT_LISTING = "PRODUCT";
    static final String CATEGORY_LISTING = "CATEGORY";
    static final String CATEGORY_PREFIX = "category#";

    private ProductItems() {
    }

    static Map<String, AttributeValue> toItem(Product product, long version, String createdAt, String now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(product.productId()));
        item.put("listing", s(PRODUCT_LISTING));
        item.put("category", s(product.category()));
        item.put("name", s(product.name()));
        item.put("description", s(product.description()));
        item.put("variants", AttributeValue.fromL(product.variants().stream().map(ProductItems::variantItem).toList()));
        item.put("version", n(version));
        item.put("createdAt", s(createdAt));
        item.put("updatedAt", s(now));
        return item;
    }

    static Product fromItem(Map<String, AttributeValue> item) {
        List<Variant> variants = item.get("variants").l().stream().map(v -> {
            Map<String, AttributeValue> m = v.m();
            Map<String, String> attributes = new LinkedHashMap<>();
            m.get("attributes").m().forEach((k, a) -> attributes.put(k, a.s()));
            return new Variant(m.get("sku").s(), attributes,
                    new Money(Long.parseLong(m.get("amount").n()), m.get("currency").s()));
        }).toList();
        return new Product(item.get("id").s(), item.get("name").s(), item.get("description").s(),
                item.get("category").s(), variants);
    }

    static long version(Map<String, AttributeValue> item) {
        return Long.parseLong(item.get("version").n());
    }

    private static AttributeValue variantItem(Variant variant) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        variant.attributes().forEach((k, v) -> attributes.put(k, s(v)));
        return AttributeValue.fromM(Map.of(
                "sku", s(variant.sku()),
                "attributes", AttributeValue.fromM(attributes),
                "amount", n(variant.price().amount()),
                "currency", s(variant.price().currency())));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
