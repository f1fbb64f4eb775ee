package dev.storefront.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.storefront.catalog.CatalogTestData.product;
import static dev.storefront.catalog.CatalogTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** The catalog's two functions through their real handlers, over DynamoDB Local. */
class CatalogRoutesTest {

    static FunctionHarness catalog;
    static FunctionHarness admin;

    @BeforeAll
    static void start() {
        catalog = FunctionHarness.start("CatalogFunction");
        admin = FunctionHarness.start("CatalogAdminFunction");
    }

    static HttpResult putProduct(String productId, String body) {
        return admin.http(HttpCall.put("/admin/products/" + productId).as("ops", "admin").json(body));
    }

    static HttpResult putStock(String sku, long available) {
        return admin.http(HttpCall.put("/admin/inventory/" + sku).as("ops", "admin").json("{\"available\":" + available + "}"));
    }

    @Test
    void an_admin_creates_then_replaces_a_product_and_readers_see_live_stock() {
        String id = unique("lamp");
        String sku = id.toUpperCase() + "-M";

        HttpResult created = putProduct(id, product("Lamp", "lighting", sku));
        HttpResult replaced = putProduct(id, product("Lamp v2", "lighting", sku));
        putStock(sku, 7);
        HttpResult read = catalog.http(HttpCall.get("/products/" + id));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/variants/0/available").asLong()).isZero();
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.header("content-type")).startsWith("application/json");
        JsonNode product = read.json();
        assertThat(product.path("name").asText()).isEqualTo("Lamp v2");
        assertThat(product.at("/variants/0/sku").asText()).isEqualTo(sku);
        assertThat(product.at("/variants/0/attributes/size").asText()).isEqualTo("M");
        assertThat(product.at("/variants/0/price/amount").asLong()).isEqualTo(2500);
        assertThat(product.at("/variants/0/price/currency").asText()).isEqualTo("EUR");
        assertThat(product.at("/variants/0/available").asLong()).isEqualTo(7);
    }

    static HttpResult putStock(String sku, String body) {
        return admin.http(HttpCall.put("/admin/inventory/" + sku).as("ops", "admin").json(body));
    }

    long shown(String id) {
        return catalog.http(HttpCall.get("/products/" + id)).json().at("/variants/0/available").asLong();
    }

    @Test
    void a_hot_sku_keeps_its_shards_until_told_and_readers_always_see_all_its_units() {
        String id = unique("drop");
        String sku = id.toUpperCase();
        putProduct(id, product("Drop", "lighting", sku));

        HttpResult hot = putStock(sku, "{\"available\":10,\"shards\":4}");
        long shownHot = shown(id);
        HttpResult kept = putStock(sku, "{\"available\":9}");
        HttpResult fewer = putStock(sku, "{\"available\":7,\"shards\":2}");
        long shownFewer = shown(id);
        HttpResult ordinary = putStock(sku, "{\"available\":3,\"shards\":1}");

        assertThat(hot.status()).as(hot.toString()).isEqualTo(200);
        assertThat(hot.json().path("shards").asInt()).isEqualTo(4);
        assertThat(hot.json().path("available").asLong()).isEqualTo(10);
        assertThat(shownHot).isEqualTo(10);
        assertThat(kept.json().path("shards").asInt()).as("a set without shards keeps them").isEqualTo(4);
        assertThat(fewer.json().path("shards").asInt()).isEqualTo(2);
        assertThat(shownFewer).as("shards 3 and 4 emptied, not forgotten").isEqualTo(7);
        assertThat(ordinary.json().path("shards").asInt()).isEqualTo(1);
        assertThat(shown(id)).isEqualTo(3);
    }

    @Test
    void a_variant_carries_its_weight_and_tax_class_and_old_writes_get_the_defaults() {
        String id = unique("granola");
        String body = "{\"name\":\"Granola\",\"category\":\"food\",\"variants\":["
                + "{\"sku\":\"" + id.toUpperCase() + "-1\",\"price\":{\"amount\":650,\"currency\":\"EUR\"},\"weightGrams\":500,\"taxClass\":\"reduced\"},"
                + "{\"sku\":\"" + id.toUpperCase() + "-2\",\"price\":{\"amount\":650,\"currency\":\"EUR\"}}]}";

        HttpResult created = putProduct(id, body);
        JsonNode read = catalog.http(HttpCall.get("/products/" + id)).json();
        JsonNode listed = catalog.http(HttpCall.get("/products?category=food&limit=100")).json().path("items");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(read.at("/variants/0/weightGrams").asLong()).isEqualTo(500);
        assertThat(read.at("/variants/0/taxClass").asText()).isEqualTo("reduced");
        assertThat(read.at("/variants/1/weightGrams").isIntegralNumber()).isTrue();
        assertThat(read.at("/variants/1/weightGrams").asLong()).isZero();
        assertThat(read.at("/variants/1/taxClass").asText()).isEqualTo("standard");
        assertThat(listed).filteredOn(p -> p.path("productId").asText().equals(id))
                .singleElement().satisfies(p -> assertThat(p.at("/variants/0/taxClass").asText()).isEqualTo("reduced"));
    }

    @Test
    void a_category_pages_through_its_products_with_an_opaque_cursor() {
        String category = unique("cat");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = category + "-p" + i;
            ids.add(id);
            assertThat(putProduct(id, product("P" + i, category, id.toUpperCase())).status()).isEqualTo(201);
        }

        HttpResult first = catalog.http(HttpCall.get("/products?category=" + category + "&limit=2"));
        String cursor = first.json().path("nextCursor").asText();
        HttpResult second = catalog.http(HttpCall.get("/products?category=" + category + "&limit=2&cursor=" + cursor));

        assertThat(first.json().path("items")).extracting(n -> n.path("productId").asText()).containsExactly(ids.get(0), ids.get(1));
        assertThat(second.json().path("items")).extracting(n -> n.path("productId").asText()).containsExactly(ids.get(2));
        assertThat(second.json().path("nextCursor").isNull()).isTrue();
        HttpResult categories = catalog.http(HttpCall.get("/categories"));
        assertThat(categories.json().path("items")).extracting(n -> n.path("slug").asText()).contains(category);
    }

    @Test
    void a_cursor_from_one_category_is_refused_in_another() {
        String category = unique("cat");
        for (int i = 0; i < 2; i++) {
            putProduct(category + "-p" + i, product("P", category, (category + "-p" + i).toUpperCase()));
        }
        String cursor = catalog.http(HttpCall.get("/products?category=" + category + "&limit=1")).json().path("nextCursor").asText();

        HttpResult other = catalog.http(HttpCall.get("/products?category=" + unique("other") + "&cursor=" + cursor));

        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().path("field").asText()).isEqualTo("cursor");
    }

    @Test
    void admin_routes_answer_401_without_identity_and_403_to_customers_and_change_nothing() {
        String id = unique("guarded");
        String sku = id.toUpperCase();
        putProduct(id, product("Guarded", "misc", sku));
        putStock(sku, 3);

        HttpResult anonymous = admin.http(HttpCall.put("/admin/inventory/" + sku).json("{\"available\":99}"));
        HttpResult customer = admin.http(HttpCall.put("/admin/inventory/" + sku).as("carol").json("{\"available\":99}"));
        HttpResult customerProduct = admin.http(HttpCall.put("/admin/products/" + id).as("carol").json(product("Hacked", "misc", sku)));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(customer.status()).isEqualTo(403);
        assertThat(customer.json().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(customerProduct.status()).isEqualTo(403);
        JsonNode product = catalog.http(HttpCall.get("/products/" + id)).json();
        assertThat(product.path("name").asText()).isEqualTo("Guarded");
        assertThat(product.at("/variants/0/available").asLong()).isEqualTo(3);
    }

    @Test
    void a_sku_belongs_to_one_product() {
        String first = unique("owner");
        String sku = first.toUpperCase();
        putProduct(first, product("Owner", "misc", sku));

        HttpResult thief = putProduct(unique("thief"), product("Thief", "misc", "OTHER-" + sku, sku));

        assertThat(thief.status()).isEqualTo(409);
        assertThat(thief.json().path("code").asText()).isEqualTo("SKU_CONFLICT");
        assertThat(thief.json().path("detail").asText()).contains(sku).doesNotContain("OTHER-" + sku);
    }

    @Test
    void stock_for_an_unknown_sku_is_404() {
        HttpResult result = putStock("NO-SUCH-" + unique("SKU").toUpperCase(), 5);

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.header("content-type")).isEqualTo("application/problem+json");
    }

    @Test
    void a_real_api_gateway_fixture_is_served() throws Exception {
        String put = new String(getClass().getResourceAsStream("/events/put-product-admin.json").readAllBytes());
        String get = new String(getClass().getResourceAsStream("/events/get-product.json").readAllBytes());

        HttpResult created = admin.invokeHttp(put);
        HttpResult read = catalog.invokeHttp(get);

        assertThat(created.status()).as(created.toString()).isIn(200, 201);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("name").asText()).isEqualTo("Fixture Lantern");
        assertThat(read.json().at("/variants/0/attributes/colour").asText()).isEqualTo("red");
    }
}
