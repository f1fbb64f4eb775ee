package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.samlocal.DevIssuer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a storefront and a shop admin do with the catalog, end to end over HTTP through the local
 * runtime: template routes, the gateway's JWT authorizer, each function from its shaded jar.
 * Run against the embedded emulators and, where Docker exists, against LocalStack.
 */
abstract class CatalogScenarios {

    abstract LocalRuntime runtime();

    ApiClient api() {
        return new ApiClient(runtime().baseUrl());
    }

    @Test
    void the_seeded_catalog_is_served_with_stock() {
        ApiClient.Response response = api().get("/products?limit=100");

        assertThat(response.status()).isEqualTo(200);
        JsonNode items = response.json().path("items");
        Set<String> seeded = Set.of("trail-runner", "merino-tee", "daypack-20", "energy-gel");
        Set<String> ids = new HashSet<>();
        items.forEach(p -> ids.add(p.path("productId").asText()));
        assertThat(ids).containsAll(seeded);
        JsonNode trailRunner = api().get("/products/trail-runner").json();
        assertThat(trailRunner.path("variants")).hasSize(5);
        assertThat(trailRunner.at("/variants/0/price/currency").asText()).isEqualTo("EUR");
        assertThat(trailRunner.at("/variants/0/available").isIntegralNumber()).isTrue();
        assertThat(api().get("/categories").json().path("items")).extracting(c -> c.path("slug").asText())
                .contains("shoes", "apparel", "gear", "nutrition");
    }

    @Test
    void the_seed_gives_weights_tax_classes_shipping_zones_and_tax_rates() {
        String admin = runtime().token("seed-reader", "admin");

        JsonNode gel = api().get("/products/energy-gel").json();
        JsonNode shoe = api().get("/products/trail-runner").json();
        JsonNode zones = api().send("GET", "/admin/shipping-zones", null, admin).json().path("items");
        JsonNode taxes = api().send("GET", "/admin/tax-rates", null, admin).json().path("items");

        assertThat(gel.at("/variants/0/taxClass").asText()).isEqualTo("reduced");
        assertThat(shoe.at("/variants/0/taxClass").asText()).isEqualTo("standard");
        assertThat(shoe.at("/variants/0/weightGrams").asLong()).isPositive();
        Map<String, JsonNode> byZone = new LinkedHashMap<>();
        zones.forEach(z -> byZone.put(z.path("zoneId").asText(), z));
        assertThat(byZone).containsKeys("eu", "uk", "us");
        assertThat(byZone.get("eu").path("countries")).extracting(JsonNode::asText).containsExactly("DE", "FR", "NL", "AT", "BE", "ES", "IT");
        assertThat(byZone.get("eu").at("/methods/0/rate/freeOver").asLong()).isEqualTo(5000);
        assertThat(byZone.get("eu").at("/methods/1/deliveryDays/max").asInt()).isEqualTo(2);
        assertThat(byZone.get("uk").at("/methods/0/rate/kind").asText()).isEqualTo("WEIGHT_TIERS");
        Map<String, JsonNode> byCountry = new LinkedHashMap<>();
        taxes.forEach(t -> byCountry.put(t.path("country").asText(), t));
        assertThat(byCountry).containsKeys("DE", "FR", "NL", "GB", "US");
        assertThat(byCountry.get("FR").at("/rates/reduced").asInt()).isEqualTo(550);
        assertThat(byCountry.get("US").path("pricesIncludeTax").asBoolean()).isFalse();
        assertThat(byCountry.get("US").at("/rates/standard").asInt()).isEqualTo(725);
    }

    @Test
    void paging_with_cursors_visits_every_product_once() {
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api().get("/products?limit=7" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(p -> assertThat(seen.add(p.path("productId").asText())).isTrue());
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 50);

        assertThat(seen).hasSizeGreaterThanOrEqualTo(20);
        assertThat(cursor).isNull();
    }

    @Test
    void an_admin_sets_stock_and_shoppers_see_it() {
        String admin = runtime().token("ops-" + UUID.randomUUID(), "admin");
        String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = id.toUpperCase();

        ApiClient.Response created = api().put("/admin/products/" + id, """
                {"name":"E2E","category":"e2e","variants":[{"sku":"%s","price":{"amount":1000,"currency":"EUR"}}]}""".formatted(sku), admin);
        ApiClient.Response stocked = api().put("/admin/inventory/" + sku, "{\"available\":12}", admin);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(stocked.status()).as(stocked.body()).isEqualTo(200);
        assertThat(api().get("/products/" + id).json().at("/variants/0/available").asLong()).isEqualTo(12);
        assertThat(api().get("/products?category=e2e").json().path("items")).extracting(p -> p.path("productId").asText()).contains(id);
    }

    @Test
    void the_gateway_refuses_missing_forged_and_expired_tokens_on_admin_routes() {
        String path = "/admin/inventory/TRAIL-RUNNER-42";
        String body = "{\"available\":1}";
        Map<String, Object> expired = claims("mallory", Instant.now().minusSeconds(3600));
        Map<String, Object> foreignIssuer = claims("mallory", Instant.now().plusSeconds(3600));
        foreignIssuer.put("iss", "https://evil.example");
        Map<String, Object> foreignAudience = claims("mallory", Instant.now().plusSeconds(3600));
        foreignAudience.put("aud", "another-app");
        String valid = runtime().token("mallory", "admin");
        String tampered = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);

        String otherKey = new DevIssuer(runtime().issuer().issuer(), DevIssuer.newKeys(), java.time.Clock.systemUTC()).issue("mallory", java.util.List.of("admin"));
        for (String token : new String[]{null, "not-a-jwt", tampered, otherKey,
                runtime().issuer().sign(expired), runtime().issuer().sign(foreignIssuer), runtime().issuer().sign(foreignAudience)}) {
            ApiClient.Response response = api().put(path, body, token);
            assertThat(response.status()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        }
        ApiClient.Response customer = api().put(path, body, runtime().token("carol"));
        assertThat(customer.status()).isEqualTo(403);
        assertThat(customer.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void a_group_whose_name_merely_contains_admin_passes_no_admin_route() {
        for (java.util.List<String> groups : java.util.List.of(java.util.List.of("not admin"), java.util.List.of("support,admin"),
                java.util.List.of("\"admin\""))) {
            String token = runtime().issuer().issue("eve", groups);

            ApiClient.Response response = api().put("/admin/discounts/EVE100", "{\"kind\":\"PERCENTAGE\",\"percentOff\":100}", token);

            assertThat(response.status()).as(groups + " " + response.body()).isEqualTo(403);
        }
    }

    @Test
    void the_functions_refuse_every_token_the_gateway_refuses() {
        long now = Instant.now().getEpochSecond();
        Map<String, Map<String, Object>> refused = new LinkedHashMap<>();
        refused.put("aud of another app with our client_id", claims("mallory", Instant.now().plusSeconds(3600), "aud", "other-app",
                "client_id", DevIssuer.AUDIENCE));
        refused.put("aud as a list holding ours", claims("mallory", Instant.now().plusSeconds(3600), "aud",
                java.util.List.of("other", DevIssuer.AUDIENCE)));
        refused.put("nbf as a string", claims("mallory", Instant.now().plusSeconds(3600), "nbf", Long.toString(now - 60)));
        refused.put("token_use refresh", claims("mallory", Instant.now().plusSeconds(3600), "token_use", "refresh"));
        Map<String, Object> noSubject = claims("mallory", Instant.now().plusSeconds(3600));
        noSubject.remove("sub");
        refused.put("no sub", noSubject);
        Map<String, String> tokens = new LinkedHashMap<>();
        refused.forEach((why, claims) -> tokens.put(why, runtime().issuer().sign(claims)));
        tokens.put("unknown kid", runtime().issuer().sign(claims("mallory", Instant.now().plusSeconds(3600)), "rotated-away"));

        tokens.forEach((why, token) -> {
            assertThat(api().send("POST", "/carts", null, token).status()).as("function: " + why).isEqualTo(401);
            assertThat(api().put("/admin/inventory/TRAIL-RUNNER-42", "{\"available\":1}", token).status()).as("gateway: " + why).isEqualTo(401);
        });
        assertThat(api().send("POST", "/carts", null, runtime().issuer().sign(claims("mallory", Instant.now().plusSeconds(3600)))).status())
                .isBetween(200, 201);
    }

    @Test
    void unknown_routes_get_the_gateways_404_and_bad_input_a_problem() {
        assertThat(api().get("/nowhere").status()).isEqualTo(404);
        assertThat(api().get("/nowhere").body()).isEqualTo("{\"message\":\"Not Found\"}");
        ApiClient.Response bad = api().get("/products?limit=1000");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(api().get("/products/does-not-exist").json().path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void the_local_token_route_mints_tokens_the_gateway_accepts() {
        ApiClient.Response minted = api().post("/local/token", "{\"sub\":\"dana\",\"groups\":[\"admin\"]}");
        String token = minted.json().path("token").asText();

        ApiClient.Response write = api().put("/admin/inventory/NO-SUCH-SKU-XYZ", "{\"available\":1}", token);

        assertThat(minted.status()).isEqualTo(200);
        assertThat(write.status()).as("authorized, then the function's own 404").isEqualTo(404);
        assertThat(write.json().path("code").asText()).isEqualTo("NOT_FOUND");
    }

    /** An admin's id token as Cognito issues it, with the given claims changed. */
    private Map<String, Object> claims(String sub, Instant expiry, Object... changed) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("iss", runtime().issuer().issuer());
        claims.put("aud", DevIssuer.AUDIENCE);
        claims.put("token_use", "id");
        claims.put("exp", expiry.getEpochSecond());
        claims.put("cognito:groups", new String[]{"admin"});
        for (int i = 0; i + 1 < changed.length; i += 2) {
            claims.put((String) changed[i], changed[i + 1]);
        }
        return claims;
    }
}
