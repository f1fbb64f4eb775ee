package dev.storefront.domain.catalog;

import dev.storefront.domain.Ids;
import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.pricing.TaxClass;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A purchasable variant of a product: one SKU, its attributes (size, colour...), its price, its
 * shipping weight and how it is taxed (docs/PRICING.md).
 */
public record Variant(String sku, Map<String, String> attributes, Money price, long weightGrams, TaxClass taxClass) {

    /** 1 t: no parcel of ours is heavier. */
    public static final long MAX_WEIGHT_GRAMS = 1_000_000;
    public static final int MAX_ATTRIBUTES = 10;
    public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 64;
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{0,31}");

    public Variant {
        if (!Ids.isSku(sku)) {
            throw Problem.invalid("sku", "sku must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw Problem.invalid("attributes", "a variant has at most " + MAX_ATTRIBUTES + " attributes");
        }
        attributes.forEach((name, value) -> {
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                throw Problem.invalid("attributes", "attribute name " + Problem.quote(name)
                        + " must be 1-32 letters, digits, '_' or '-', starting with a letter");
            }
            if (value.isBlank() || value.length() > MAX_ATTRIBUTE_VALUE_LENGTH) {
                throw Problem.invalid("attributes", "attribute " + name + " must be 1-" + MAX_ATTRIBUTE_VALUE_LENGTH + " characters");
            }
        });
        if (price == null) {
            throw Problem.invalid("price", "price is required");
        }
        if (weightGrams < 0 || weightGrams > MAX_WEIGHT_GRAMS) {
            throw Problem.invalid("weightGrams", "weightGrams must be an integer from 0 to " + MAX_WEIGHT_GRAMS);
        }
        taxClass = taxClass == null ? TaxClass.STANDARD : taxClass;
    }

    /** A variant that weighs nothing and is taxed at the standard rate (the defaults). */
    public Variant(String sku, Map<String, String> attributes, Money price) {
        this(sku, attributes, price, 0, TaxClass.STANDARD);
    }
}
