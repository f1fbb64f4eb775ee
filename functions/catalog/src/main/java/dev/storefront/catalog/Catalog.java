package dev.storefront.catalog;

import dev.storefront.catalogstore.InventoryRepository;
import dev.storefront.catalogstore.ProductRepository;
import dev.storefront.domain.Problem;
import dev.storefront.domain.catalog.Category;
import dev.storefront.domain.catalog.Product;
import dev.storefront.domain.catalog.StockLevel;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** The catalog's use cases: products joined with their live stock, and admin changes. */
@Singleton
class Catalog {

    private final ProductRepository products;
    private final InventoryRepository inventory;

    Catalog(ProductRepository products, InventoryRepository inventory) {
        this.products = products;
        this.inventory = inventory;
    }

    ProductView product(String productId) {
        Product product = products.find(productId).orElseThrow(() -> Problem.notFound("product " + productId));
        return ProductView.of(product, inventory.available(product.skus()));
    }

    ProductPage page(String category, int limit, String cursor) {
        ProductRepository.Page page = products.page(category, limit, cursor);
        Map<String, Long> available = inventory.available(page.items().stream().flatMap(p -> p.skus().stream()).toList());
        return new ProductPage(page.items().stream().map(p -> ProductView.of(p, available)).toList(), page.nextCursor());
    }

    List<Category> categories() {
        return products.categories();
    }

    record Saved(ProductView product, boolean created) {
    }

    Saved save(Product product) {
        boolean created = products.save(product);
        return new Saved(ProductView.of(product, inventory.available(product.skus())), created);
    }

    /** @param shards how many shards to split the stock over (1: not hot), null to keep the SKU's */
    InventoryRepository.Stock setStock(StockLevel level, Integer shards) {
        return inventory.set(level, shards).orElseThrow(() -> Problem.notFound("sku " + level.sku()));
    }
}
