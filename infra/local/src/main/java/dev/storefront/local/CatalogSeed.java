package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Loads the demo catalog through the public admin API, so seed data passes the same validation
 * and takes the same code path as an admin's writes.
 */
final class CatalogSeed {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final URI api;
    private final String adminToken;
    private final HttpClient http = HttpClient.newHttpClient();

    CatalogSeed(Path file, URI api, String adminToken) {
        this.file = file;
        this.api = api;
        this.adminToken = adminToken;
    }

    void load() throws IOException {
        JsonNode products = JSON.readTree(file.toFile()).path("products");
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (JsonNode product : products) {
            ObjectNode body = product.deepCopy();
            String productId = body.remove("productId").asText();
            List<JsonNode> stock = new ArrayList<>();
            body.withArray("variants").forEach(v -> stock.add(((ObjectNode) v).remove("available")));
            JsonNode variants = product.path("variants");
            writes.add(put("/admin/products/" + productId, body.toString()).thenCompose(ignored -> {
                List<CompletableFuture<String>> levels = new ArrayList<>();
                for (int i = 0; i < stock.size(); i++) {
                    levels.add(put("/admin/inventory/" + variants.get(i).path("sku").asText(),
                            "{\"available\":" + stock.get(i).asLong() + "}"));
                }
                return CompletableFuture.allOf(levels.toArray(CompletableFuture[]::new));
            }));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<String> put(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
                .header("authorization", "Bearer " + adminToken)
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Seeding " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        });
    }
}
