package dev.storefront.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.catalogstore.CatalogTables;
import dev.storefront.catalogstore.CoPurchases;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.storefront.catalog.CatalogTestData.product;
import static dev.storefront.catalog.CatalogTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Co-purchases counted by catalog-store's CoPurchases (as the insights function counts them from
 * order.placed) over DynamoDB Local, read through the catalog function's real handler.
 */
class RecommendationsTest {

    static FunctionHarness catalog;
    static FunctionHarness admin;
    static CoPurchases coPurchases;

    @BeforeAll
    static void start() {
        catalog = FunctionHarness.start("CatalogFunction");
        admin = FunctionHarness.start("CatalogAdminFunction");
        TestStack stack = TestStack.shared();
        coPurchases = new CoPurchases(stack.emulators().dynamo(),
                new CatalogTables(stack.resources().tableName("ProductsTable"), stack.resources().tableName("InventoryTable")));
    }

    static String create(String name, String category, long stock) {
        String id = unique(name);
        String sku = id.toUpperCase() + "-M";
        assertThat(admin.http(HttpCall.put("/admin/products/" + id).as("ops", "admin").json(product(name, category, sku))).status()).isEqualTo(201);
        assertThat(admin.http(HttpCall.put("/admin/inventory/" + sku).as("ops", "admin").json("{\"available\":" + stock + "}")).status()).isEqualTo(200);
        return id;
    }

    static CoPurchases.OrderedProduct line(String productId) {
        return new CoPurchases.OrderedProduct(productId, Set.of(productId.toUpperCase() + "-M"));
    }

    @Test
    void after_a_handful_of_orders_then_bought_together_in_stock_first_then_the_category_and_never_the_product_itself() {
        String tablets = unique("tablets"), accessories = unique("accessories"), clothes = unique("clothes");
        String tablet = create("tablet", tablets, 5), otherTablet = create("tablet-mini", tablets, 3);
        String cover = create("cover", accessories, 9), charger = create("charger", accessories, 2), stand = create("stand", accessories, 0);
        String socks = create("socks", clothes, 4);
        String o3 = unique("o3");
        assertThat(coPurchases.record(unique("o1"), List.of(line(tablet), line(cover)))).isTrue();
        assertThat(coPurchases.record(unique("o2"), List.of(line(tablet), line(cover), line(charger), line(stand)))).isTrue();
        assertThat(coPurchases.record(o3, List.of(line(tablet), line(charger), line(stand), line(tablet)))).isTrue();
        assertThat(coPurchases.record(o3, List.of(line(tablet), line(charger), line(stand)))).as("the same order again").isFalse();
        assertThat(coPurchases.record(unique("o4"), List.of(line(stand), line(tablet)))).isTrue();
        assertThat(coPurchases.record(unique("o5"), List.of(line(socks)))).as("one product: no pair").isFalse();

        // With tablet: stand 3 (out of stock), cover 2, charger 2; then its category: the other tablet.
        JsonNode items = recommendations(tablet);
        assertThat(ids(items)).containsExactly(charger, cover, stand, otherTablet);
        assertThat(items.get(0).path("boughtTogether").asLong()).isEqualTo(2);
        assertThat(items.get(0).path("inStock").asBoolean()).isTrue();
        assertThat(items.get(0).path("reason").asText()).isEqualTo("bought_together");
        assertThat(items.get(0).path("price").path("amount").asLong()).isEqualTo(2500);
        assertThat(items.get(2).path("boughtTogether").asLong()).isEqualTo(3);
        assertThat(items.get(2).path("inStock").asBoolean()).isFalse();
        assertThat(items.get(3).path("reason").asText()).isEqualTo("same_category");
        assertThat(ids(recommendations(cover))).as("cover: tablet 2, charger 1, stand 1").startsWith(tablet, charger)
                .doesNotContain(cover);

        assertThat(ids(recommendations(socks))).as("never bought with anything, alone in its category").isEmpty();
        assertThat(catalog.http(HttpCall.get("/products/" + socks + "/recommendations")).json().has("items")).as("an empty list, not absent").isTrue();
        assertThat(catalog.http(HttpCall.get("/products/" + unique("nothing") + "/recommendations")).status()).isEqualTo(404);
    }

    private static JsonNode recommendations(String productId) {
        HttpResult result = catalog.http(HttpCall.get("/products/" + productId + "/recommendations"));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().path("productId").asText()).isEqualTo(productId);
        return result.json().path("items");
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.path("productId").asText()));
        return ids;
    }
}
