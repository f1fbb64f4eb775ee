package dev.storefront.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.ShopSettingsFixture;
import dev.storefront.testsupport.TestStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop around checkout, through the real functions (the catalog and carts from their jars, as
 * deployed): an admin stocks products, shoppers fill carts, and the test reads stock and ledgers
 * straight from the tables to check outcomes.
 */
final class Shop {

    static final String ADDRESS = """
            {"name":"Ada Lovelace","line1":"12 St James's Square","city":"London","postalCode":"SW1Y 4JH","country":"GB"}""";

    final FunctionHarness checkout = FunctionHarness.start("CheckoutFunction");
    final FunctionHarness admin = FunctionHarness.fromJar("CatalogAdminFunction");
    final FunctionHarness carts = FunctionHarness.fromJar("CartFunction");

    Shop() {
        ShopSettingsFixture.seed();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A product with one SKU per price given, each stocked with {@code stock} units; returns the SKUs. */
    String[] stockedProduct(long stock, long... prices) {
        return stockedProductIn("checkout-test", stock, prices);
    }

    String[] stockedProductIn(String category, long stock, long... prices) {
        String id = unique("p");
        StringBuilder variants = new StringBuilder();
        String[] skus = new String[prices.length];
        for (int i = 0; i < prices.length; i++) {
            skus[i] = (id + "-" + i).toUpperCase();
            variants.append(i == 0 ? "" : ",").append("""
                    {"sku":"%s","price":{"amount":%d,"currency":"EUR"}}""".formatted(skus[i], prices[i]));
        }
        HttpResult created = admin.http(HttpCall.put("/admin/products/" + id).as("ops", "admin")
                .json("{\"name\":\"Thing " + id + "\",\"category\":\"" + category + "\",\"variants\":[" + variants + "]}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        for (String sku : skus) {
            assertThat(admin.http(HttpCall.put("/admin/inventory/" + sku).as("ops", "admin").json("{\"available\":" + stock + "}")).status()).isEqualTo(200);
        }
        return skus;
    }

    /** A cart (a customer's when {@code customer} is set) holding {@code quantity} of each SKU. */
    String cart(String customer, int quantity, String... skus) {
        HttpCall create = HttpCall.post("/carts");
        HttpResult cart = carts.http(customer == null ? create : create.as(customer));
        assertThat(cart.status()).as(cart.toString()).isIn(200, 201);
        String cartId = cart.json().path("cartId").asText();
        for (String sku : skus) {
            HttpCall add = HttpCall.post("/carts/" + cartId + "/items").json("{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}");
            HttpResult added = carts.http(customer == null ? add : add.as(customer));
            assertThat(added.status()).as(added.toString()).isEqualTo(200);
        }
        return cartId;
    }

    HttpResult checkout(String cartId, String customer, String key, String paymentToken) {
        HttpCall call = HttpCall.post("/carts/" + cartId + "/checkout").header("Idempotency-Key", key)
                .json(body(paymentToken));
        return checkout.http(customer == null ? call : call.as(customer));
    }

    /** A checkout body shipping to {@code addressJson}, with any further fields ({@code "shippingMethodId":"express"}). */
    HttpResult checkoutTo(String cartId, String addressJson, String moreFields) {
        return checkout.http(HttpCall.post("/carts/" + cartId + "/checkout").header("Idempotency-Key", UUID.randomUUID().toString())
                .json("{\"email\":\"ada@example.com\",\"shippingAddress\":" + addressJson + ",\"paymentToken\":\"tok_visa\""
                        + (moreFields == null ? "" : "," + moreFields) + "}"));
    }

    static String address(String country) {
        return "{\"name\":\"Ada\",\"line1\":\"1 Main St\",\"city\":\"Town\",\"postalCode\":\"10115\",\"country\":\"" + country + "\"}";
    }

    /** Ships a cart (as its shopper would, before checking out). */
    void shipCart(String cartId, String country, String methodId) {
        HttpResult shipped = carts.http(HttpCall.put("/carts/" + cartId + "/shipping")
                .json("{\"country\":\"" + country + "\",\"methodId\":\"" + methodId + "\"}"));
        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(200);
    }

    static String body(String paymentToken) {
        return "{\"email\":\"ada@example.com\",\"shippingAddress\":" + ADDRESS + ",\"paymentToken\":\"" + paymentToken + "\"}";
    }

    JsonNode cartOf(String cartId, String customer) {
        HttpCall get = HttpCall.get("/carts/" + cartId);
        return carts.http(customer == null ? get : get.as(customer)).json();
    }

    static long stock(String sku) {
        TestStack stack = TestStack.shared();
        return Long.parseLong(stack.emulators().dynamo().getItem(r -> r.tableName(stack.resources().tableName("InventoryTable"))
                .key(Map.of("sku", AttributeValue.fromS(sku))).consistentRead(true)).item().get("available").n());
    }

    /** The amount the payment processor was asked to authorize with this key. */
    static long authorizedAmount(String idempotencyKey) {
        TestStack stack = TestStack.shared();
        return Long.parseLong(stack.emulators().dynamo().getItem(r -> r.tableName(stack.resources().tableName("SandboxPaymentsTable"))
                .key(Map.of("idempotencyKey", AttributeValue.fromS(idempotencyKey))).consistentRead(true)).item().get("amount").n());
    }

    /** How often the payment processor was asked with this key (0 when never). */
    static long processorCalls(String idempotencyKey) {
        TestStack stack = TestStack.shared();
        Map<String, AttributeValue> item = stack.emulators().dynamo().getItem(r -> r.tableName(stack.resources().tableName("SandboxPaymentsTable"))
                .key(Map.of("idempotencyKey", AttributeValue.fromS(idempotencyKey))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? 0 : Long.parseLong(item.get("calls").n());
    }
}
