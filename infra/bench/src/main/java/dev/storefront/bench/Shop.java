package dev.storefront.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.local.LocalRuntime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** The storefront of a running local runtime, over HTTP, as a shop and its admin use it. */
final class Shop {

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHECKOUT_BODY = "{\"email\":\"bench@example.com\",\"paymentToken\":\"tok_visa\",\"shippingAddress\":"
            + "{\"name\":\"Ada Lovelace\",\"line1\":\"12 St James Sq\",\"city\":\"London\",\"postalCode\":\"SW1Y 4JH\",\"country\":\"GB\"}}";

    private final URI base;
    private final String admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Shop(LocalRuntime runtime) {
        this.base = runtime.baseUrl();
        this.admin = runtime.token("bench-admin", "admin");
    }

    URI base() {
        return base;
    }

    Reply call(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply expect(int status, String method, String path, String body, String... headers) {
        Reply reply = call(method, path, body, headers);
        if (reply.status() != status) {
            throw new IllegalStateException(method + " " + path + " answered " + reply.status() + " (wanted " + status + "): " + reply.body());
        }
        return reply;
    }

    /** A product with one SKU per price, EUR, each SKU stocked with {@code available}. */
    void product(String productId, int available, String... skus) {
        StringBuilder variants = new StringBuilder();
        for (int i = 0; i < skus.length; i++) {
            variants.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(skus[i]).append("\",\"attributes\":{},\"price\":{\"amount\":")
                    .append(1000 + i * 500).append(",\"currency\":\"EUR\"}}");
        }
        Reply put = call("PUT", "/admin/products/" + productId, "{\"name\":\"Bench " + productId + "\",\"category\":\"gear\",\"variants\":["
                + variants + "]}", "authorization", "Bearer " + admin);
        if (put.status() != 200 && put.status() != 201) {
            throw new IllegalStateException("product " + productId + ": " + put.status() + " " + put.body());
        }
        for (String sku : skus) {
            stock(sku, available);
        }
    }

    void stock(String sku, int available) {
        expect(200, "PUT", "/admin/inventory/" + sku, "{\"available\":" + available + "}", "authorization", "Bearer " + admin);
    }

    /** Marks {@code sku} hot: its stock split over {@code shards} items (the admin call of a flash sale). */
    void hot(String sku, int available, int shards) {
        expect(200, "PUT", "/admin/inventory/" + sku, "{\"available\":" + available + ",\"shards\":" + shards + "}",
                "authorization", "Bearer " + admin);
    }

    /** An anonymous cart with one unit of each SKU. */
    String cart(String... skus) {
        String cartId = expect(201, "POST", "/carts", null).json().path("cartId").asText();
        for (String sku : skus) {
            expect(200, "POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}");
        }
        return cartId;
    }

    Reply checkout(String cartId) {
        return call("POST", "/carts/" + cartId + "/checkout", CHECKOUT_BODY, "idempotency-key", UUID.randomUUID().toString());
    }

    long available(String productId, String sku) {
        for (JsonNode v : expect(200, "GET", "/products/" + productId, null).json().path("variants")) {
            if (sku.equals(v.path("sku").asText())) {
                return v.path("available").asLong();
            }
        }
        throw new IllegalStateException("no " + sku + " on " + productId);
    }
}
