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
 *   <li>Products: any change of a product item (a category item is none);</li>
 *   <li>Inventory: a SKU's stock crossing zero either way, or a SKU registered or removed. A sale that
 *       leaves units on the shelf changes nothing search shows, so checkout traffic costs the index nothing.</li>
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
            return id == null || id.startsWith(CatalogItems.CATEGORY_PREFIX) ? Optional.empty() : Optional.of(id);
        }
        if (keys.containsKey("sku")) {
            Map<String, AttributeValue> before = change.getOldImage();
            Map<String, AttributeValue> after = change.getNewImage();
            String owner = text(after, "productId");
            String previousOwner = text(before, "productId");
            if (owner != null && owner.equals(previousOwner) && inStock(before) == inStock(after)) {
                return Optional.empty();
            }
            return Optional.ofNullable(owner != null ? owner : previousOwner);
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
