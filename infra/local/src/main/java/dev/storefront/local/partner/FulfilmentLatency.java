package dev.storefront.local.partner;

import dev.storefront.local.ServedPorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * `make fulfilment-latency`: against a running `make run` (without `make partner`, which would
 * take the requests), N checkouts one after the other (default 20, {@code CHECKOUTS}), each timed
 * from the checkout's 201 response to its {@code fulfilment.requested} being received from
 * fulfilment-requests.fifo: Orders stream → relay → order-events → fulfilment → requests queue,
 * with the runtime's pollers in between as Lambda's would be. Prints every sample, the median,
 * p90, min and max. Reads (and deletes) every request on the queue while it runs.
 */
public final class FulfilmentLatency {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FulfilmentLatency() {
    }

    public static void main(String[] args) throws Exception {
        int checkouts = Integer.parseInt(System.getenv().getOrDefault("CHECKOUTS", "20"));
        URI base = URI.create("http://localhost:" + ServedPorts.httpPort());
        HttpClient http = HttpClient.newHttpClient();
        PartnerQueues queues = PartnerQueues.local();
        String admin = JSON.readTree(call(http, "POST", base.resolve("/local/token"), "{\"sub\":\"latency\",\"groups\":[\"admin\"]}", null)).path("token").asText();
        String id = "latency-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = id.toUpperCase();
        call(http, "PUT", base.resolve("/admin/products/" + id), """
                {"name":"Latency probe","category":"bench","variants":[{"sku":"%s","price":{"amount":100,"currency":"EUR"}}]}""".formatted(sku), admin);
        call(http, "PUT", base.resolve("/admin/inventory/" + sku), "{\"available\":" + (checkouts + 1) + "}", admin);
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < checkouts; i++) {
            String cart = JSON.readTree(call(http, "POST", base.resolve("/carts"), "{}", null)).path("cartId").asText();
            call(http, "POST", base.resolve("/carts/" + cart + "/items"), "{\"sku\":\"" + sku + "\",\"quantity\":1}", null);
            HttpRequest checkout = HttpRequest.newBuilder(base.resolve("/carts/" + cart + "/checkout"))
                    .header("content-type", "application/json").header("idempotency-key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"email":"probe@example.com","paymentToken":"tok_visa","shippingAddress":
                             {"name":"Probe","line1":"1 Main St","city":"Berlin","postalCode":"10115","country":"DE"}}""")).build();
            HttpResponse<String> placed = http.send(checkout, HttpResponse.BodyHandlers.ofString());
            long answered = System.nanoTime();
            if (placed.statusCode() != 201) {
                throw new IllegalStateException("checkout answered " + placed.statusCode() + ": " + placed.body());
            }
            String orderId = JSON.readTree(placed.body()).path("orderId").asText();
            long deadline = answered + 60_000_000_000L;
            while (!arrived.containsKey(orderId)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no fulfilment.requested for order " + orderId + " within 60 s");
                }
                for (Message message : queues.sqs().receiveMessage(r -> r.queueUrl(queues.requests()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                    long now = System.nanoTime();
                    JsonNode request = JSON.readTree(message.body());
                    if (request.path("type").asText().equals("fulfilment.requested")) {
                        arrived.putIfAbsent(request.path("orderId").asText(), now);
                    }
                    queues.sqs().deleteMessage(r -> r.queueUrl(queues.requests()).receiptHandle(message.receiptHandle()));
                }
            }
            double ms = (arrived.get(orderId) - answered) / 1e6;
            millis.add(ms);
            System.out.printf("checkout %2d  order %s  %7.1f ms%n", i + 1, orderId, ms);
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("%d checkouts: checkout response -> fulfilment.requested received: median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms%n",
                sorted.size(), median, sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static String call(HttpClient http, String method, URI uri, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
