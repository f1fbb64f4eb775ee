package dev.storefront.catalog;

import java.util.UUID;

/** Ids no other test uses, so tests share the emulators without sharing data. */
final class CatalogTestData {

    private CatalogTestData() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String product(String name, String category, String... skus) {
        StringBuilder variants = new StringBuilder();
        for (String sku : skus) {
            variants.append(variants.length() == 0 ? "" : ",").append("""
                    {"sku":"%s","attributes":{"size":"M"},"price":{"amount":2500,"currency":"EUR"}}""".formatted(sku));
        }
        return """
                {"name":"%s","description":"Made for tests","category":"%s","variants":[%s]}""".formatted(name, category, variants);
    }
}
