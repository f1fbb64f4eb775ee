package dev.storefront.catalogstore;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;

import java.util.Map;
import java.util.Optional;

/**
 * Which product a record of the Products or Inventory stream is about, for the search index, read
 * from the items' shape that only this module knows ({@link CatalogItems}):
 * <ul>
 *   <li>Products: any change of a product item (a category item or a co-purchase item is none);</li>
 *   <li>Inventory: a SKU's stock crossing zero either way (a SKU removed with units counts too). A
 *       sale that leaves units on the shelf changes nothing search shows, so checkout traffic costs
 *       the index nothing; a SKU registered by a product write starts at 0 and comes with that
 *       product's own record.</li>
 * </ul>
 */
public final class CatalogChanges {

    private CatalogChanges() {
    }

    /** The product whose search entry this record may change; empty when it changes none. */
    public static Optional<String> productOf(DynamodbStreamRecord record) {
        StreamRecord change = record.getDynamodb();
        if (change == null || change.getKeys() == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> keys = change.getKeys();
        if (keys.containsKey("id")) {
            String id = keys.get("id").getS();
            return id == null || id.startsWith(CatalogItems.CATEGORY_PREFIX) || CoPurchases.holds(id) ? Optional.empty() : Optional.of(id);
        }
        if (keys.containsKey("sku")) {
            Map<String, AttributeValue> before = change.getOldImage();
            Map<String, AttributeValue> after = change.getNewImage();
            if (inStock(before) == inStock(after)) {
                return Optional.empty();
            }
            String owner = text(after, "productId");
            return Optional.ofNullable(owner != null ? owner : text(before, "productId"));
        }
        return Optional.empty();
    }

    private static boolean inStock(Map<String, AttributeValue> image) {
        AttributeValue available = image == null ? null : image.get("available");
        return available != null && available.getN() != null && Long.parseLong(available.getN()) > 0;
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image == null ? null : image.get(name);
        return value == null ? null : value.getS();
    }
}
