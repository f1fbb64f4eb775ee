package dev.storefront.catalog;

import dev.storefront.catalogstore.InventoryRepository;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Ids;
import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.catalog.Product;
import dev.storefront.domain.catalog.StockLevel;
import dev.storefront.domain.catalog.StockShards;
import dev.storefront.domain.catalog.Variant;
import dev.storefront.domain.pricing.TaxClass;
import dev.storefront.http.JsonBody;
import dev.storefront.http.JsonObject;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;

/** Admin writes: product upserts and stock levels. The admin group is checked here as well as by the gateway. */
@Controller("/admin")
class AdminRoutes {

    private final Catalog catalog;

    AdminRoutes(Catalog catalog) {
        this.catalog = catalog;
    }

    @Put("/products/{productId}")
    HttpResponse<ProductView> putProduct(String productId, Caller caller, @Nullable @Body String body) {
        caller.requireAdmin();
        if (!Ids.isProductId(productId)) {
            throw Problem.invalid("productId", "productId must be 1-64 lower-case letters, digits or '-'");
        }
        Catalog.Saved saved = catalog.save(productFrom(productId, JsonBody.parse(body)));
        return HttpResponse.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved.product());
    }

    @Serdeable
    record StockView(String sku, String productId, long available, int shards) {
    }

    @Put("/inventory/{sku}")
    StockView putInventory(String sku, Caller caller, @Nullable @Body String body) {
        caller.requireAdmin();
        if (!Ids.isSku(sku)) {
            throw Problem.notFound("sku " + Problem.quote(sku));
        }
        JsonObject stockBody = JsonBody.parse(body).allowOnly("available", "shards");
        long available = stockBody.integer("available", 0, StockLevel.MAX_AVAILABLE);
        // A hot SKU (flash sale): its stock split over shards so reservations spread their writes.
        Integer shards = stockBody.has("shards") ? (int) stockBody.integer("shards", 1, StockShards.MAX) : null;
        InventoryRepository.Stock stock = catalog.setStock(new StockLevel(sku, available), shards);
        return new StockView(stock.sku(), stock.productId(), stock.available(), stock.shards());
    }

    /** Reads only the fields an admin may set: stock, ids and timestamps are not among them. */
    static Product productFrom(String productId, JsonObject body) {
        body.allowOnly("name", "description", "category", "variants");
        return new Product(productId,
                body.string("name", Product.MAX_NAME_LENGTH),
                body.optionalString("description", Product.MAX_DESCRIPTION_LENGTH),
                body.string("category", 40),
                body.objects("variants", Product.MAX_VARIANTS).stream().map(AdminRoutes::variantFrom).toList());
    }

    /** weightGrams and taxClass are optional so product writes from before them keep working (0 g, standard). */
    private static Variant variantFrom(JsonObject variant) {
        variant.allowOnly("sku", "attributes", "price", "weightGrams", "taxClass");
        JsonObject price = variant.object("price").allowOnly("amount", "currency");
        return new Variant(variant.string("sku", 64),
                variant.stringMap("attributes", Variant.MAX_ATTRIBUTES, Variant.MAX_ATTRIBUTE_VALUE_LENGTH),
                new Money(price.integer("amount", 0, Money.MAX_AMOUNT), price.currency("currency")),
                variant.has("weightGrams") ? variant.integer("weightGrams", 0, Variant.MAX_WEIGHT_GRAMS) : 0,
                variant.has("taxClass") ? variant.taxClass("taxClass") : TaxClass.STANDARD);
    }
}
