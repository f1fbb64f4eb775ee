package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Loads demo data by replaying admin requests from the JSON files in a seed folder, in name
 * order. Going through the public API means seed data passes the same validation and code path as
 * an admin's writes, and the runtime knows nothing of what it seeds. Each file holds
 * {@code stages}: lists of {@code {method, path, body}}; a stage's requests run concurrently, stages
 * one after another (products before their stock).
 */
final class Seed {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final URI api;
    private final String adminToken;
    private final HttpClient http = HttpClient.newHttpClient();

    Seed(Path folder, URI api, String adminToken) {
        this.folder = folder;
        this.api = api;
        this.adminToken = adminToken;
    }

    /** Returns how many requests it sent. */
    int load() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        int sent = 0;
        for (Path file : files) {
            for (JsonNode stage : JSON.readTree(file.toFile()).path("stages")) {
                List<CompletableFuture<String>> requests = new ArrayList<>();
                stage.forEach(r -> requests.add(send(r.path("method").asText(), r.path("path").asText(), r.path("body").toString())));
                CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).join();
                sent += requests.size();
            }
        }
        return sent;
    }

    /** The names a seed folder's PUTs give under an admin collection ("/admin/discounts/" -> WELCOME10, ...). */
    static List<String> names(Path folder, String collection) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode stage : JSON.readTree(file.toFile()).path("stages")) {
                    stage.forEach(r -> {
                        String path = r.path("path").asText();
                        if (r.path("method").asText().equals("PUT") && path.startsWith(collection)) {
                            names.add(path.substring(collection.length()));
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the seed folder " + folder, e);
        }
        return names;
    }

    private CompletableFuture<String> send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
                .header("authorization", "Bearer " + adminToken)
                .header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("Seeding " + method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        });
    }
}
