package dev.storefront.domain.catalog;

import dev.storefront.domain.Ids;
import dev.storefront.domain.Problem;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A product as the shop sells it. Constructing one enforces every catalog rule. */
public record Product(String productId, String name, String description, String category, List<Variant> variants) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 4000;
    public static final int MAX_VARIANTS = 50;

    public Product {
        if (!Ids.isProductId(productId)) {
            throw Problem.invalid("productId", "productId must be 1-64 lower-case letters, digits or '-'");
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw Problem.invalid("name", "name must be 1-" + MAX_NAME_LENGTH + " characters");
        }
        description = description == null ? "" : description;
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw Problem.invalid("description", "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        if (!Ids.isCategory(category)) {
            throw Problem.invalid("category", "category must be 1-40 lower-case letters, digits or '-'");
        }
        if (variants == null || variants.isEmpty() || variants.size() > MAX_VARIANTS) {
            throw Problem.invalid("variants", "a product has 1-" + MAX_VARIANTS + " variants");
        }
        variants = List.copyOf(variants);
        Set<String> skus = new HashSet<>();
        String currency = variants.get(0).price().currency();
        for (Variant variant : variants) {
            if (!skus.add(variant.sku())) {
                throw Problem.invalid("variants", "sku " + variant.sku() + " appears twice");
            }
            if (!variant.price().currency().equals(currency)) {
                throw Problem.invalid("variants", "all variants of a product are priced in one currency");
            }
        }
    }

    public List<String> skus() {
        return variants.stream().map(Variant::sku).toList();
    }
}
