package dev.storefront.catalogstore;

import dev.storefront.domain.Money;
import dev.storefront.domain.cart.Offer;
import dev.storefront.domain.catalog.Category;
import dev.storefront.domain.catalog.Product;
import dev.storefront.domain.catalog.Variant;
import dev.storefront.domain.pricing.TaxClass;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;
import static dev.storefront.aws.Attributes.text;

/**
 * How the catalog is stored, and back; the one place that knows these items (docs/ARCHITECTURE.md,
 * "Data"):
 * <ul>
 *   <li>Products: a product {@code id, listing = PRODUCT, category, name, description,
 *       variants[{sku, attributes, amount, currency, weightGrams, taxClass}], version, createdAt,
 *       updatedAt} (variants written before weights and tax classes read as 0 g and
 *       {@code standard}), and a category {@code id = category#<slug>, listing = CATEGORY, slug, name};</li>
 *   <li>Inventory: a SKU's own item {@code sku, productId, available, updatedAt}, and for a hot SKU
 *       {@code shards} (how many it reserves from) and {@code shardSlots} (every shard it ever had,
 *       so give-backs to a shard no longer used still count); its shards {@code sku = <sku>#<i>,
 *       shardOf = <sku>, productId, available, updatedAt} ({@link dev.storefront.domain.catalog.StockShards}).</li>
 * </ul>
 */
final class CatalogItems {

    static final String PRODUCT_LISTING = "PRODUCT";
    static final String CATEGORY_LISTING = "CATEGORY";
    static final String CATEGORY_PREFIX = "category#";

    private CatalogItems() {
    }

    static Map<String, AttributeValue> productKey(String productId) {
        return Map.of("id", s(productId));
    }

    static Map<String, AttributeValue> categoryKey(String slug) {
        return productKey(CATEGORY_PREFIX + slug);
    }

    static Map<String, AttributeValue> stockKey(String sku) {
        return Map.of("sku", s(sku));
    }

    static Map<String, AttributeValue> toItem(Product product, long version, String createdAt, String now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(product.productId()));
        item.put("listing", s(PRODUCT_LISTING));
        item.put("category", s(product.category()));
        item.put("name", s(product.name()));
        item.put("description", s(product.description()));
        item.put("variants", AttributeValue.fromL(product.variants().stream().map(CatalogItems::variantItem).toList()));
        item.put("version", n(version));
        item.put("createdAt", s(createdAt));
        item.put("updatedAt", s(now));
        return item;
    }

    private static Variant variant(Map<String, AttributeValue> m) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (m.containsKey("attributes")) {
            m.get("attributes").m().forEach((k, a) -> attributes.put(k, a.s()));
        }
        long weightGrams = m.containsKey("weightGrams") ? Long.parseLong(m.get("weightGrams").n()) : 0;
        TaxClass taxClass = TaxClass.parse(m.containsKey("taxClass") ? m.get("taxClass").s() : null);
        return new Variant(m.get("sku").s(), attributes, price(m), weightGrams, taxClass);
    }

    static boolean isProduct(Map<String, AttributeValue> item) {
        return item != null && !item.isEmpty() && item.containsKey("listing") && PRODUCT_LISTING.equals(item.get("listing").s());
    }

    static Product fromItem(Map<String, AttributeValue> item) {
        List<Variant> variants = item.get("variants").l().stream().map(v -> variant(v.m())).toList();
        return new Product(item.get("id").s(), item.get("name").s(), item.get("description").s(),
                item.get("category").s(), variants);
    }

    static long version(Map<String, AttributeValue> item) {
        return Long.parseLong(item.get("version").n());
    }

    static String createdAt(Map<String, AttributeValue> item) {
        return item.get("createdAt").s();
    }

    static String productId(Map<String, AttributeValue> item) {
        return item.get("id").s();
    }

    /** A product's category, or null when the item has none. */
    static String category(Map<String, AttributeValue> item) {
        return text(item, "category");
    }

    static Category categoryFromItem(Map<String, AttributeValue> item) {
        return new Category(item.get("slug").s(), item.get("name").s());
    }

    /**
     * The offer of one SKU: a stock item joined with the product that lists it, read with only the
     * attributes offers need ({@code id, listing, category, name, variants}). Null when that product
     * is gone, no longer a product, or no longer lists the SKU (a variant removed).
     */
    static Offer offer(Map<String, AttributeValue> stock, Map<String, AttributeValue> product) {
        if (product == null || !isProduct(product)) {
            return null;
        }
        String sku = stock.get("sku").s();
        for (AttributeValue variant : product.get("variants").l()) {
            Map<String, AttributeValue> v = variant.m();
            if (sku.equals(v.get("sku").s())) {
                Variant sold = variant(v);
                return new Offer(sku, productId(product), product.get("name").s(), sold.price(), Math.max(0, available(stock)),
                        category(product), sold.weightGrams(), sold.taxClass(), shards(stock));
            }
        }
        return null;
    }

    static String sku(Map<String, AttributeValue> stock) {
        return stock.get("sku").s();
    }

    /** The product a stock item belongs to, or null for a SKU no product registered. */
    static String owner(Map<String, AttributeValue> stock) {
        return text(stock, "productId");
    }

    /** How many shards a SKU reserves from: 1 unless it is hot. */
    static int shards(Map<String, AttributeValue> stock) {
        return stock.containsKey("shards") ? Integer.parseInt(stock.get("shards").n()) : 1;
    }

    /** How many shard items a SKU has (0 for one never hot): what its stock is summed over. */
    static int shardSlots(Map<String, AttributeValue> stock) {
        return stock.containsKey("shardSlots") ? Integer.parseInt(stock.get("shardSlots").n()) : 0;
    }

    /** Available units of a stock item; 0 when it holds no count. */
    static long available(Map<String, AttributeValue> stock) {
        return stock.containsKey("available") ? Long.parseLong(stock.get("available").n()) : 0;
    }

    private static Money price(Map<String, AttributeValue> variant) {
        return new Money(Long.parseLong(variant.get("amount").n()), variant.get("currency").s());
    }

    private static AttributeValue variantItem(Variant variant) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        variant.attributes().forEach((k, v) -> attributes.put(k, s(v)));
        return AttributeValue.fromM(Map.of(
                "sku", s(variant.sku()),
                "attributes", AttributeValue.fromM(attributes),
                "amount", n(variant.price().amount()),
                "currency", s(variant.price().currency()),
                "weightGrams", n(variant.weightGrams()),
                "taxClass", s(variant.taxClass().wireName())));
    }
}
