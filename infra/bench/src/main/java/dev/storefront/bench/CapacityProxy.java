package dev.storefront.bench;

import dev.storefront.samlocal.ExchangeRelay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Counts what a function asks of DynamoDB without touching the function: an HTTP proxy in front of
 * DynamoDB Local that the function's endpoint override points at. It adds
 * {@code ReturnConsumedCapacity: TOTAL} to every request (DynamoDB Local does not check signatures)
 * and records each call's operation (X-Amz-Target) and the capacity units it consumed. Responses
 * pass through byte for byte, so the SDK's CRC32 check holds.
 */
final class CapacityProxy implements AutoCloseable {

    /** One round trip: its operation, the tables it named and the units DynamoDB Local reported. */
    record Call(String operation, Set<String> tables, double readUnits, double writeUnits) {
        boolean transactional() {
            return operation.startsWith("Transact");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");

    private final HttpServer server;
    private final ExchangeRelay relay;
    private final List<Call> calls = new ArrayList<>();

    CapacityProxy(URI dynamoDb) throws IOException {
        this.relay = new ExchangeRelay(dynamoDb);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "capacity-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::forward);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The calls since the last {@link #reset()}. */
    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized void reset() {
        calls.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try {
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = amzTarget == null ? "?" : amzTarget.substring(amzTarget.indexOf('.') + 1);
            byte[] body = exchange.getRequestBody().readAllBytes();
            Set<String> tables = new java.util.TreeSet<>();
            if (amzTarget != null && body.length > 0) {
                JsonNode request = JSON.readTree(body);
                tables.addAll(tables(request));
                if (request instanceof ObjectNode object && !operation.startsWith("Describe") && !operation.startsWith("List")) {
                    object.put("ReturnConsumedCapacity", "TOTAL");
                    body = JSON.writeValueAsBytes(object);
                }
            }
            HttpResponse<byte[]> response = relay.send(exchange, body);
            record(operation, tables, response);
            ExchangeRelay.answer(exchange, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(502, -1);
            throw e;
        } finally {
            exchange.close();
        }
    }

    /** The tables a request names: its TableName, its RequestItems' keys, or each of its TransactItems' table. */
    private static Set<String> tables(JsonNode request) {
        Set<String> tables = new java.util.TreeSet<>();
        if (request.hasNonNull("TableName")) {
            tables.add(request.path("TableName").asText());
        }
        request.path("RequestItems").fieldNames().forEachRemaining(tables::add);
        for (JsonNode item : request.path("TransactItems")) {
            item.elements().forEachRemaining(part -> {
                if (part.hasNonNull("TableName")) {
                    tables.add(part.path("TableName").asText());
                }
            });
        }
        return tables;
    }

    private void record(String operation, Set<String> tables, HttpResponse<byte[]> response) throws IOException {
        if (operation.startsWith("Describe") || operation.startsWith("List") || operation.equals("?")) {
            return;
        }
        double units = 0;
        if (response.body().length > 0 && response.statusCode() == 200) {
            JsonNode consumed = JSON.readTree(response.body()).path("ConsumedCapacity");
            for (JsonNode c : consumed.isArray() ? consumed : List.of(consumed)) {
                units += c.path("CapacityUnits").asDouble(0);
            }
        }
        boolean read = READS.contains(operation);
        synchronized (this) {
            calls.add(new Call(operation, Set.copyOf(tables), read ? units : 0, read ? 0 : units));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
