package dev.storefront.cart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.LogCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.storefront.cart.CatalogFixture.sku;
import static dev.storefront.cart.CatalogFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The cart function through its real handler, over DynamoDB Local. */
class CartRoutesTest extends CartHarness {

    @BeforeAll
    static void start() {
        startFunctions();
    }

    @Test
    void an_anonymous_cart_starts_empty_with_an_unguessable_id_and_a_7_day_lifetime() {
        HttpResult created = create(null);

        assertThat(created.status()).isEqualTo(201);
        JsonNode cart = created.json();
        assertThat(cart.path("cartId").asText()).matches("[0-9a-f]{32}");
        assertThat(created.header("location")).isEqualTo("/carts/" + cart.path("cartId").asText());
        assertThat(created.header("etag")).isEqualTo("\"1\"");
        assertThat(created.header("cache-control")).isEqualTo("no-store");
        assertThat(cart.path("status").asText()).isEqualTo("OPEN");
        assertThat(cart.path("version").asLong()).isEqualTo(1);
        assertThat(cart.path("customer").asBoolean()).isFalse();
        assertThat(cart.path("lines")).isEmpty();
        assertThat(cart.path("currency").isNull()).isTrue();
        assertThat(cart.at("/total/amount").asLong()).isZero();
        assertThat(Instant.parse(cart.path("expiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(Duration.ofMinutes(1)));
        assertThat(create(null).json().path("cartId").asText()).isNotEqualTo(cart.path("cartId").asText());
    }

    @Test
    void lines_are_added_summed_updated_and_removed_and_every_answer_is_the_whole_cart() {
        String cartId = newCart(null);
        String a = sku(1250, 50);
        String b = sku(399, 50);

        JsonNode first = added(cartId, a, 2);
        JsonNode summed = added(cartId, a, 3);
        added(cartId, b, 1);
        HttpResult updated = set(cartId, a, 7, null);
        HttpResult removedByZero = set(cartId, b, 0, null);
        HttpResult removed = remove(cartId, a, null);
        HttpResult removedAgain = remove(cartId, a, null);

        assertThat(line(first, a).path("quantity").asInt()).isEqualTo(2);
        assertThat(line(first, a).path("productId").asText()).isEqualTo(CatalogFixture.productIdOf(a));
        assertThat(line(first, a).path("name").asText()).isEqualTo("Test product");
        assertThat(line(summed, a).path("quantity").asInt()).isEqualTo(5);
        assertThat(line(summed, a).at("/unitPrice/amount").asLong()).isEqualTo(1250);
        assertThat(line(summed, a).at("/lineTotal/amount").asLong()).isEqualTo(6250);
        assertThat(summed.path("currency").asText()).isEqualTo("EUR");
        assertThat(summed.at("/subtotal/amount").asLong()).isEqualTo(6250);
        assertThat(summed.at("/total/currency").asText()).isEqualTo("EUR");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(line(updated.json(), a).path("quantity").asInt()).isEqualTo(7);
        assertThat(updated.json().at("/subtotal/amount").asLong()).isEqualTo(7 * 1250 + 399);
        assertThat(removedByZero.json().path("lines")).hasSize(1);
        assertThat(removed.json().path("lines")).isEmpty();
        assertThat(removed.json().path("currency").isNull()).isTrue();
        assertThat(removed.json().path("version").asLong()).isEqualTo(7);
        assertThat(removedAgain.status()).as("removing twice is harmless").isEqualTo(200);
        assertThat(removedAgain.json().path("version").asLong()).as("and writes nothing").isEqualTo(7);
        assertThat(get(cartId, null).header("etag")).isEqualTo("\"7\"");
    }

    @Test
    void prices_names_and_stock_are_read_from_the_catalog_at_read_time() {
        String cartId = newCart(null);
        List<String> skus = CatalogFixture.skus(1000, 10, 3);
        String productId = CatalogFixture.productIdOf(skus.get(0));
        added(cartId, skus.get(0), 4);
        added(cartId, skus.get(1), 1);
        added(cartId, skus.get(2), 1);

        // The catalog changes: a new price and name, SKU 2 dropped from the product, less stock.
        CatalogFixture.putProduct(productId, "Renamed", 1100, "EUR", skus.subList(0, 2));
        CatalogFixture.setStock(skus.get(0), productId, 3);
        CatalogFixture.setStock(skus.get(1), productId, 0);
        JsonNode cart = get(cartId, null).json();

        JsonNode first = line(cart, skus.get(0));
        assertThat(first.path("name").asText()).isEqualTo("Renamed");
        assertThat(first.at("/unitPrice/amount").asLong()).isEqualTo(1100);
        assertThat(first.at("/lineTotal/amount").asLong()).isEqualTo(4400);
        assertThat(first.path("warnings")).extracting(w -> w.path("code").asText()).containsExactlyInAnyOrder("INSUFFICIENT_STOCK", "PRICE_CHANGED");
        assertThat(first.path("warnings")).anySatisfy(w -> assertThat(w.path("available").asLong()).isEqualTo(3));
        assertThat(first.path("warnings")).anySatisfy(w -> assertThat(w.at("/previousUnitPrice/amount").asLong()).isEqualTo(1000));
        assertThat(line(cart, skus.get(1)).path("warnings")).extracting(w -> w.path("code").asText()).contains("OUT_OF_STOCK");
        JsonNode gone = line(cart, skus.get(2));
        assertThat(gone.path("warnings")).extracting(w -> w.path("code").asText()).containsExactly("SKU_UNAVAILABLE");
        assertThat(gone.path("unitPrice").isNull()).isTrue();
        assertThat(cart.at("/subtotal/amount").asLong()).as("the unavailable line is not charged").isEqualTo(4400 + 1100);
        assertThat(cart.at("/total/amount").asLong()).isEqualTo(5500);
    }

    @Test
    void a_price_sent_by_the_client_is_refused_and_the_stored_cart_is_unchanged() {
        String cartId = newCart(null);
        String a = sku(5000, 5);
        added(cartId, a, 1);
        var before = CatalogFixture.storedCart(cartId);

        HttpResult withPrice = cart.http(HttpCall.post("/carts/" + cartId + "/items")
                .json("{\"sku\":\"" + a + "\",\"quantity\":1,\"price\":{\"amount\":1,\"currency\":\"EUR\"}}"));
        HttpResult withUnitPrice = cart.http(HttpCall.put("/carts/" + cartId + "/items/" + a).json("{\"quantity\":3,\"unitPrice\":1}"));

        assertProblem(withPrice, 400, "VALIDATION_FAILED");
        assertThat(withPrice.json().path("field").asText()).isEqualTo("price");
        assertProblem(withUnitPrice, 400, "VALIDATION_FAILED");
        assertThat(CatalogFixture.storedCart(cartId)).isEqualTo(before);
        JsonNode cart = get(cartId, null).json();
        assertThat(line(cart, a).path("quantity").asInt()).isEqualTo(1);
        assertThat(cart.at("/total/amount").asLong()).isEqualTo(5000);
    }

    @Test
    void a_stale_if_match_is_412_and_changes_nothing_while_the_current_version_succeeds() {
        String cartId = newCart(null);
        String a = sku(100, 5);
        added(cartId, a, 1);

        HttpResult stale = cart.http(HttpCall.post("/carts/" + cartId + "/items").header("if-match", "\"1\"")
                .json("{\"sku\":\"" + a + "\",\"quantity\":1}"));
        HttpResult current = cart.http(HttpCall.put("/carts/" + cartId + "/items/" + a).header("if-match", "\"2\"")
                .json("{\"quantity\":4}"));
        HttpResult unquoted = cart.http(HttpCall.delete("/carts/" + cartId + "/items/" + a).header("if-match", "3"));
        HttpResult staleDelete = cart.http(HttpCall.delete("/carts/" + cartId + "/items/" + a).header("if-match", "\"3\""));

        assertProblem(stale, 412, "VERSION_CONFLICT");
        assertThat(current.status()).as(current.toString()).isEqualTo(200);
        assertThat(current.header("etag")).isEqualTo("\"3\"");
        assertThat(unquoted.status()).isEqualTo(200);
        assertProblem(staleDelete, 412, "VERSION_CONFLICT");
        assertThat(get(cartId, null).json().path("version").asLong()).isEqualTo(4);
    }

    @Test
    void a_customer_has_one_open_cart_and_only_they_can_see_it() {
        String alice = unique("alice");
        String a = sku(700, 5);

        HttpResult first = create(alice);
        HttpResult again = create(alice);
        String cartId = first.json().path("cartId").asText();
        HttpResult added = add(cartId, a, 2, alice);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("customer").asBoolean()).isTrue();
        assertThat(Instant.parse(first.json().path("expiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(Duration.ofMinutes(1)));
        assertThat(again.status()).as("creating again returns the existing cart").isEqualTo(200);
        assertThat(again.json().path("cartId").asText()).isEqualTo(cartId);
        assertThat(added.status()).isEqualTo(200);
        assertThat(get(cartId, alice).status()).isEqualTo(200);
        // Any other caller: 404, exactly as for a cart that does not exist (no 403 that confirms it).
        for (String intruder : new String[]{null, unique("bob")}) {
            assertProblem(get(cartId, intruder), 404, "NOT_FOUND");
            assertProblem(add(cartId, a, 1, intruder), 404, "NOT_FOUND");
            assertProblem(set(cartId, a, 9, intruder), 404, "NOT_FOUND");
            assertProblem(remove(cartId, a, intruder), 404, "NOT_FOUND");
            assertProblem(discount(cartId, "ANY", intruder), 404, "NOT_FOUND");
        }
        assertProblem(merge(cartId, unique("bob")), 404, "NOT_FOUND");
        assertThat(get(cartId, alice).json().path("version").asLong()).isEqualTo(2);
        assertThat(get(newCart(null), alice).status()).as("an anonymous cart is reachable by its id").isEqualTo(200);
    }

    @Test
    void an_invalid_token_is_401_not_anonymous() {
        String cartId = newCart(null);

        assertProblem(cart.http(HttpCall.get("/carts/" + cartId).bearer("not.a.token")), 401, "UNAUTHORIZED");
        assertProblem(cart.http(HttpCall.post("/carts").bearer("forged")), 401, "UNAUTHORIZED");
    }

    @Test
    void merging_on_sign_in_sums_quantities_up_to_the_limit_and_closes_the_anonymous_cart() {
        String alice = unique("alice");
        String a = sku(1000, 500);
        String b = sku(200, 500);
        String anonymous = newCart(null);
        added(anonymous, a, 60);
        added(anonymous, b, 2);
        String customer = newCart(alice);
        add(customer, a, 50, alice);

        HttpResult merged = merge(anonymous, alice);
        HttpResult retried = merge(anonymous, alice);

        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.json().path("cartId").asText()).isEqualTo(customer);
        assertThat(line(merged.json(), a).path("quantity").asInt()).isEqualTo(99);
        assertThat(line(merged.json(), b).path("quantity").asInt()).isEqualTo(2);
        assertThat(merged.json().at("/subtotal/amount").asLong()).isEqualTo(99 * 1000 + 2 * 200);
        assertProblem(get(anonymous, null), 404, "NOT_FOUND");
        assertProblem(add(anonymous, a, 1, null), 404, "NOT_FOUND");
        assertThat(CatalogFixture.storedCart(anonymous).get("status").s()).isEqualTo("MERGED");
        assertThat(retried.status()).as("a retried merge answers the customer's cart again").isEqualTo(200);
        assertThat(retried.json().path("cartId").asText()).isEqualTo(customer);
        assertThat(line(retried.json(), a).path("quantity").asInt()).isEqualTo(99);
    }

    @Test
    void merging_without_a_cart_of_ones_own_creates_it_and_merging_needs_a_token() {
        String carol = unique("carol");
        String a = sku(300, 5);
        String anonymous = newCart(null);
        added(anonymous, a, 2);

        assertProblem(merge(anonymous, null), 401, "UNAUTHORIZED");
        HttpResult merged = merge(anonymous, carol);

        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.json().path("customer").asBoolean()).isTrue();
        assertThat(merged.json().path("cartId").asText()).isNotEqualTo(anonymous);
        assertThat(line(merged.json(), a).path("quantity").asInt()).isEqualTo(2);
        assertThat(create(carol).json().path("cartId").asText()).isEqualTo(merged.json().path("cartId").asText());
    }

    @Test
    void a_stored_cart_past_its_expiry_reads_as_404_before_dynamodb_deletes_it() {
        String cartId = newCart(null);
        added(cartId, sku(100, 5), 1);
        var item = new java.util.HashMap<>(CatalogFixture.storedCart(cartId));
        Instant past = Instant.now().minusSeconds(60);
        item.put("expiresAt", CatalogFixture.s(past.toString()));
        item.put("ttl", CatalogFixture.n(past.getEpochSecond()));
        CatalogFixture.putStoredCart(item);

        assertProblem(get(cartId, null), 404, "NOT_FOUND");
        assertProblem(add(cartId, sku(100, 5), 1, null), 404, "NOT_FOUND");
        assertThat(CatalogFixture.storedCart(cartId)).as("still stored, not yet deleted by TTL").isNotEmpty();
    }

    @Test
    void each_change_restarts_the_7_day_idle_lifetime_of_an_anonymous_cart() {
        String a = sku(100, 5);
        String anonymous = newCart(null);
        String idle = newCart(null);
        try {
            MovableClock.INSTANCE.advance(Duration.ofDays(6));
            added(anonymous, a, 1);
            MovableClock.INSTANCE.advance(Duration.ofDays(2));

            assertProblem(get(idle, null), 404, "NOT_FOUND");
            assertProblem(add(idle, a, 1, null), 404, "NOT_FOUND");
            assertThat(get(anonymous, null).status()).as("changed on day 6, alive on day 8").isEqualTo(200);
            MovableClock.INSTANCE.advance(Duration.ofDays(5));
            assertProblem(get(anonymous, null), 404, "NOT_FOUND");
        } finally {
            MovableClock.INSTANCE.reset();
        }
    }

    @Test
    void an_expired_customer_cart_is_gone_and_creating_again_starts_a_new_one() {
        // (Moving the clock 30 days would expire the test's bearer token too: age the stored cart instead.)
        String dave = unique("dave");
        String old = newCart(dave);
        var item = new java.util.HashMap<>(CatalogFixture.storedCart(old));
        item.put("expiresAt", CatalogFixture.s(Instant.now().minusSeconds(1).toString()));
        CatalogFixture.putStoredCart(item);

        assertProblem(get(old, dave), 404, "NOT_FOUND");
        HttpResult fresh = create(dave);

        assertThat(fresh.status()).isEqualTo(201);
        assertThat(fresh.json().path("cartId").asText()).isNotEqualTo(old);
        assertThat(create(dave).json().path("cartId").asText()).isEqualTo(fresh.json().path("cartId").asText());
    }

    @Test
    void cart_events_are_logged_with_the_cart_id_for_funnel_analytics() {
        String cartId = newCart(null);
        String a = sku(100, 5);

        try (LogCapture logs = LogCapture.start()) {
            added(cartId, a, 2);
            get(cartId, null);

            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("\"event\":\"cart.line_added\"")
                    .contains("\"cartId\":\"" + cartId + "\"").contains("\"sku\":\"" + a + "\"").contains("\"quantity\":\"2\""));
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("\"event\":\"cart.viewed\"")
                    .contains("\"cartId\":\"" + cartId + "\""));
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("\"cartId\":\"" + cartId + "\"")
                    .contains("\"status\":\"200\""));
        }
    }

    @Test
    void a_real_api_gateway_fixture_creates_a_cart() throws Exception {
        String event = new String(getClass().getResourceAsStream("/events/create-cart.json").readAllBytes());

        HttpResult created = cart.invokeHttp(event);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("cartId").asText()).matches("[0-9a-f]{32}");
    }
}
