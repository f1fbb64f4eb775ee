package dev.storefront.cart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.catalogstore.CatalogTables;
import dev.storefront.catalogstore.CoPurchases;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.storefront.cart.CatalogFixture.productIdOf;
import static dev.storefront.cart.CatalogFixture.sku;
import static dev.storefront.cart.CatalogFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** The cart answer's recommendations, from co-purchases counted by catalog-store's CoPurchases over DynamoDB Local. */
class CartRecommendationsTest extends CartHarness {

    @BeforeAll
    static void start() {
        startFunctions();
    }

    static CoPurchases.OrderedProduct line(String sku) {
        return new CoPurchases.OrderedProduct(productIdOf(sku), Set.of(sku));
    }

    @Test
    void a_cart_answer_recommends_at_most_4_products_bought_with_its_own_most_often_first_never_one_it_holds() {
        TestStack stack = TestStack.shared();
        CoPurchases coPurchases = new CoPurchases(stack.emulators().dynamo(),
                new CatalogTables(stack.resources().tableName("ProductsTable"), stack.resources().tableName("InventoryTable")));
        String a = sku(1000, 10), b = sku(1000, 10), c = sku(1000, 10), d = sku(1000, 10), e = sku(1000, 10), f = sku(1000, 10);
        coPurchases.record(unique("o"), List.of(line(a), line(b), line(c)));
        coPurchases.record(unique("o"), List.of(line(a), line(b), line(d)));
        coPurchases.record(unique("o"), List.of(line(a), line(b), line(e), line(f)));
        coPurchases.record(unique("o"), List.of(line(a), line(c)));

        String cartId = newCart(null);
        assertThat(get(cartId, null).json().path("recommendations")).as("an empty cart").isEmpty();
        JsonNode withA = added(cartId, a, 1);
        // With a: b 3, c 2, then d, e, f once each (by id): the first 4.
        List<String> expected = new ArrayList<>(List.of(productIdOf(d), productIdOf(e), productIdOf(f)));
        expected.sort(null);
        assertThat(ids(withA)).containsExactly(productIdOf(b), productIdOf(c), expected.get(0), expected.get(1));
        JsonNode withAandB = added(cartId, b, 1);
        // a and b together: c 2 + 1, e 1 + 1, f 1 + 1, d 1 + 1: never a or b.
        assertThat(ids(withAandB)).hasSize(4).startsWith(productIdOf(c)).doesNotContain(productIdOf(a), productIdOf(b));
    }

    private static List<String> ids(JsonNode cart) {
        List<String> ids = new ArrayList<>();
        cart.path("recommendations").forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
