package dev.storefront.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static dev.storefront.catalog.CatalogTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Shipping zones and tax rates through the catalog admin function's real handler, over DynamoDB Local. */
class ShopSettingsRoutesTest {

    static FunctionHarness admin;

    /** Countries are a finite, shared key space: every test takes its own. */
    private static final Iterator<String> COUNTRIES = Arrays.stream(Locale.getISOCountries()).sorted().iterator();

    @BeforeAll
    static void start() {
        admin = FunctionHarness.start("CatalogAdminFunction");
    }

    static synchronized String country() {
        return COUNTRIES.next();
    }

    static HttpResult put(String path, String body) {
        return admin.http(HttpCall.put(path).as("ops", "admin").json(body));
    }

    static JsonNode get(String path) {
        HttpResult result = admin.http(HttpCall.get(path).as("ops", "admin"));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json();
    }

    static String zone(String... countries) {
        return """
                {"name":"Test zone","countries":["%s"],"methods":[
                 {"methodId":"standard","name":"Standard","carrier":"DHL","deliveryDays":{"min":2,"max":4},
                  "rate":{"kind":"FLAT","amount":490,"freeOver":5000}},
                 {"methodId":"tracked","name":"Tracked","carrier":"Royal Mail","deliveryDays":{"min":1,"max":3},
                  "rate":{"kind":"WEIGHT_TIERS","currency":"GBP","tiers":[{"upToGrams":1000,"amount":395},{"upToGrams":5000,"amount":695}]}}]}"""
                .formatted(String.join("\",\"", countries));
    }

    static JsonNode zoneIn(JsonNode list, String zoneId) {
        for (JsonNode zone : list.path("items")) {
            if (zone.path("zoneId").asText().equals(zoneId)) {
                return zone;
            }
        }
        return null;
    }

    static void assertProblem(HttpResult result, int status, String code) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.header("content-type")).isEqualTo("application/problem+json");
        assertThat(result.json().path("code").asText()).isEqualTo(code);
        assertThat(result.body()).doesNotContain("Exception");
    }

    @Test
    void an_admin_creates_replaces_and_lists_a_zone_with_the_shop_currency_by_default() {
        String zoneId = unique("zone");
        String a = country();
        String b = country();
        String c = country();

        HttpResult created = put("/admin/shipping-zones/" + zoneId, zone(a, b));
        HttpResult replaced = put("/admin/shipping-zones/" + zoneId, zone(b, c));
        JsonNode listed = zoneIn(get("/admin/shipping-zones"), zoneId);
        // a was dropped by the replacement: another zone may take it now.
        HttpResult other = put("/admin/shipping-zones/" + unique("other"), zone(a));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        assertThat(listed).isNotNull();
        assertThat(listed.path("countries")).extracting(JsonNode::asText).containsExactly(b, c);
        assertThat(listed.at("/methods/0/rate/currency").asText()).isEqualTo("EUR");
        assertThat(listed.at("/methods/0/rate/amount").asLong()).isEqualTo(490);
        assertThat(listed.at("/methods/0/rate/freeOver").asLong()).isEqualTo(5000);
        assertThat(listed.at("/methods/0/deliveryDays/max").asInt()).isEqualTo(4);
        assertThat(listed.at("/methods/1/rate/kind").asText()).isEqualTo("WEIGHT_TIERS");
        assertThat(listed.at("/methods/1/rate/currency").asText()).isEqualTo("GBP");
        assertThat(listed.at("/methods/1/rate/tiers/1/upToGrams").asLong()).isEqualTo(5000);
        assertThat(listed.at("/methods/1/rate").has("amount")).isFalse();
    }

    @Test
    void a_country_already_in_another_zone_is_409_naming_it_and_changes_nothing() {
        String first = unique("first");
        String second = unique("second");
        String shared = country();
        String own = country();
        assertThat(put("/admin/shipping-zones/" + first, zone(shared)).status()).isEqualTo(201);

        HttpResult overlap = put("/admin/shipping-zones/" + second, zone(own, shared));

        assertProblem(overlap, 409, "CONFLICT");
        assertThat(overlap.json().path("detail").asText()).isEqualTo("country " + shared + " is already in shipping zone " + first);
        assertThat(overlap.json().path("field").asText()).isEqualTo("countries");
        JsonNode zones = get("/admin/shipping-zones");
        assertThat(zoneIn(zones, second)).isNull();
        // The refused zone claimed nothing: its other country is still free.
        assertThat(put("/admin/shipping-zones/" + unique("third"), zone(own)).status()).isEqualTo(201);
    }

    @Test
    void two_concurrent_zones_claiming_one_country_leave_it_in_exactly_one() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String country = country();
                List<String> ids = List.of(unique("race-a"), unique("race-b"));
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<HttpResult>> calls = new ArrayList<>();
                for (String id : ids) {
                    calls.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                        return put("/admin/shipping-zones/" + id, zone(country));
                    }, pool));
                }
                go.countDown();
                List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResult::status).sorted().toList();

                assertThat(statuses).as("round " + round).containsExactly(201, 409);
                JsonNode zones = get("/admin/shipping-zones");
                long holders = ids.stream().map(id -> zoneIn(zones, id)).filter(z -> z != null).count();
                assertThat(holders).as("zones holding " + country).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Stream<Arguments> badZones() {
        String method = "{\"methodId\":\"m\",\"name\":\"M\",\"carrier\":\"C\",\"deliveryDays\":{\"min\":1,\"max\":2},\"rate\":%s}";
        String zone = "{\"name\":\"Z\",\"countries\":[\"DE\"],\"methods\":[" + method + "]}";
        return Stream.of(
                Arguments.of("negative amount", zone.formatted("{\"kind\":\"FLAT\",\"amount\":-1}"), "methods[0].rate.amount"),
                Arguments.of("fractional amount", zone.formatted("{\"kind\":\"FLAT\",\"amount\":4.9}"), "methods[0].rate.amount"),
                Arguments.of("amount as text", zone.formatted("{\"kind\":\"FLAT\",\"amount\":\"490\"}"), "methods[0].rate.amount"),
                Arguments.of("tiers out of order", zone.formatted(
                        "{\"kind\":\"WEIGHT_TIERS\",\"tiers\":[{\"upToGrams\":2000,\"amount\":5},{\"upToGrams\":1000,\"amount\":9}]}"),
                        "methods[0].rate.tiers[1].upToGrams"),
                Arguments.of("unknown kind", zone.formatted("{\"kind\":\"FREE\",\"amount\":1}"), "methods[0].rate.kind"),
                Arguments.of("unknown currency", zone.formatted("{\"kind\":\"FLAT\",\"amount\":1,\"currency\":\"XYZ\"}"), "methods[0].rate.currency"),
                Arguments.of("flat with tiers", zone.formatted("{\"kind\":\"FLAT\",\"amount\":1,\"tiers\":[{\"upToGrams\":1,\"amount\":1}]}"),
                        "methods[0].rate.amount"),
                Arguments.of("unknown rate field", zone.formatted("{\"kind\":\"FLAT\",\"amount\":1,\"discount\":1}"), "methods[0].rate.discount"),
                Arguments.of("lower-case country", "{\"name\":\"Z\",\"countries\":[\"de\"],\"methods\":[" + method.formatted("{\"kind\":\"FLAT\",\"amount\":1}") + "]}",
                        "countries"),
                Arguments.of("no methods", "{\"name\":\"Z\",\"countries\":[\"DE\"],\"methods\":[]}", "methods"),
                Arguments.of("days reversed", zone.replace("\"min\":1,\"max\":2", "\"min\":3,\"max\":1").formatted("{\"kind\":\"FLAT\",\"amount\":1}"),
                        "methods[0].deliveryDays.min"),
                Arguments.of("unknown field", "{\"name\":\"Z\",\"countries\":[\"DE\"],\"methods\":[],\"isDefault\":true}", "isDefault"));
    }

    @ParameterizedTest(name = "PUT zone: {0}")
    @MethodSource("badZones")
    void bad_zones_are_400_with_the_field_and_change_nothing(String why, String body, String field) {
        String zoneId = unique("bad");

        HttpResult result = put("/admin/shipping-zones/" + zoneId, body);

        assertProblem(result, 400, "VALIDATION_FAILED");
        assertThat(result.json().path("field").asText()).isEqualTo(field);
        assertThat(zoneIn(get("/admin/shipping-zones"), zoneId)).isNull();
    }

    @Test
    void a_bad_zone_id_is_400() {
        assertProblem(put("/admin/shipping-zones/EU_ZONE", zone(country())), 400, "VALIDATION_FAILED");
    }

    @Test
    void an_admin_sets_and_lists_tax_rates_and_missing_classes_take_the_domains_defaults() {
        HttpResult created = put("/admin/tax-rates/DE", "{\"pricesIncludeTax\":true,\"rates\":{\"standard\":1900,\"reduced\":700,\"zero\":0}}");
        HttpResult onTop = put("/admin/tax-rates/US", "{\"pricesIncludeTax\":false,\"rates\":{\"standard\":725}}");
        HttpResult replaced = put("/admin/tax-rates/US", "{\"pricesIncludeTax\":false,\"rates\":{\"standard\":800}}");
        JsonNode listed = get("/admin/tax-rates");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(onTop.status()).isEqualTo(201);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("rates").toString()).isEqualTo("{\"standard\":800,\"reduced\":800,\"zero\":0}");
        assertThat(listed.path("items")).extracting(t -> t.path("country").asText()).contains("DE", "US");
        for (JsonNode rates : listed.path("items")) {
            if (rates.path("country").asText().equals("DE")) {
                assertThat(rates.path("pricesIncludeTax").asBoolean()).isTrue();
                assertThat(rates.at("/rates/reduced").asInt()).isEqualTo(700);
            }
        }
    }

    static Stream<Arguments> badTaxRates() {
        return Stream.of(
                Arguments.of("DE", "{\"pricesIncludeTax\":true,\"rates\":{\"standard\":10001}}", "rates.standard"),
                Arguments.of("DE", "{\"pricesIncludeTax\":true,\"rates\":{\"standard\":1900,\"reduced\":-1}}", "rates.reduced"),
                Arguments.of("DE", "{\"pricesIncludeTax\":true,\"rates\":{\"standard\":19.5}}", "rates.standard"),
                Arguments.of("DE", "{\"pricesIncludeTax\":true,\"rates\":{\"reduced\":700}}", "rates.standard"),
                Arguments.of("DE", "{\"pricesIncludeTax\":\"yes\",\"rates\":{\"standard\":1900}}", "pricesIncludeTax"),
                Arguments.of("DE", "{\"pricesIncludeTax\":true,\"rates\":{\"standard\":1900,\"luxury\":2500}}", "rates.luxury"),
                Arguments.of("XX", "{\"pricesIncludeTax\":true,\"rates\":{\"standard\":1900}}", "country"),
                Arguments.of("de", "{\"pricesIncludeTax\":true,\"rates\":{\"standard\":1900}}", "country"));
    }

    @ParameterizedTest(name = "PUT tax rates {0}: {1}")
    @MethodSource("badTaxRates")
    void bad_tax_rates_are_400_with_the_field(String country, String body, String field) {
        HttpResult result = put("/admin/tax-rates/" + country, body);

        assertProblem(result, 400, "VALIDATION_FAILED");
        assertThat(result.json().path("field").asText()).isEqualTo(field);
    }

    @Test
    void settings_routes_are_401_without_identity_and_403_to_customers_and_change_nothing() {
        String zoneId = unique("guarded");
        String country = country();
        String body = zone(country);

        List<HttpResult> anonymous = List.of(
                admin.http(HttpCall.put("/admin/shipping-zones/" + zoneId).json(body)),
                admin.http(HttpCall.get("/admin/shipping-zones")),
                admin.http(HttpCall.put("/admin/tax-rates/" + country).json("{\"pricesIncludeTax\":true,\"rates\":{\"standard\":1}}")),
                admin.http(HttpCall.get("/admin/tax-rates")));
        List<HttpResult> customer = List.of(
                admin.http(HttpCall.put("/admin/shipping-zones/" + zoneId).as("carol").json(body)),
                admin.http(HttpCall.get("/admin/shipping-zones").as("carol")),
                admin.http(HttpCall.put("/admin/tax-rates/" + country).as("carol").json("{\"pricesIncludeTax\":true,\"rates\":{\"standard\":1}}")),
                admin.http(HttpCall.get("/admin/tax-rates").as("carol")));

        assertThat(anonymous).extracting(HttpResult::status).containsOnly(401);
        assertThat(customer).extracting(HttpResult::status).containsOnly(403);
        assertThat(zoneIn(get("/admin/shipping-zones"), zoneId)).isNull();
        assertThat(get("/admin/tax-rates").path("items")).extracting(t -> t.path("country").asText()).doesNotContain(country);
    }
}
