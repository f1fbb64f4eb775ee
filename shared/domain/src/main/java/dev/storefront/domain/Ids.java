package dev.storefront.domain;

import java.util.regex.Pattern;

/**
 * The formats of identifiers that appear in paths. Checked before any database call, so a
 * malformed id is a cheap 404 or 400 and never reaches a key expression.
 */
public final class Ids {

    private static final Pattern PRODUCT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private Ids() {
    }

    public static boolean isProductId(String value) {
        return value != null && PRODUCT_ID.matcher(value).matches();
    }

    public static boolean isSku(String value) {
        return value != null && SKU.matcher(value).matches();
    }

    public static boolean isCategory(String value) {
        return value != null && CATEGORY.matcher(value).matches();
    }
}
