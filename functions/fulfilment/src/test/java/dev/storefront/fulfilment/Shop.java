package dev.storefront.fulfilment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.domain.EventIds;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.samlocal.SqsEvents;
import dev.storefront.testsupport.ShopSettingsFixture;
import dev.storefront.testsupport.TestStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real orders for fulfilment's handler tests: the catalog, cart and checkout functions from their
 * jars place them; the fulfilment handlers run in this JVM. Reads back orders over checkout's
 * HTTP route, the sandbox ledger from DynamoDB, and the requests queue with an SQS client.
 */
final class Shop {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong(1);
    private static Shop shop;

    final FunctionHarness admin;
    final FunctionHarness carts;
    final FunctionHarness cartAdmin;
    final FunctionHarness checkout;
    final FunctionHarness orderEvents;
    final FunctionHarness partnerUpdates;
    private final Map<String, List<Message>> requestsByOrder = new java.util.concurrent.ConcurrentHashMap<>();

    private Shop() {
        ShopSettingsFixture.seed();
        CompletableFuture<FunctionHarness> adminStart = CompletableFuture.supplyAsync(() -> FunctionHarness.fromJar("CatalogAdminFunction"));
        CompletableFuture<FunctionHarness> cartsStart = CompletableFuture.supplyAsync(() -> FunctionHarness.fromJar("CartFunction"));
        CompletableFuture<FunctionHarness> cartAdminStart = CompletableFuture.supplyAsync(() -> FunctionHarness.fromJar("CartAdminFunction"));
        checkout = FunctionHarness.fromJar("CheckoutFunction");
        // Both handlers in this JVM: the environment of the second adds to the first's (same jar).
        orderEvents = FunctionHarness.start("OrderEventsConsumerFunction");
        partnerUpdates = FunctionHarness.start("PartnerUpdatesConsumerFunction");
        admin = adminStart.join();
        carts = cartsStart.join();
        cartAdmin = cartAdminStart.join();
    }

    static synchronized Shop get() {
        if (shop == null) {
            shop = new Shop();
        }
        return shop;
    }

    /** A new SKU with this much stock. */
    String stockedSku(int available) {
        String product = "ful-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = product.toUpperCase() + "-1";
        assertThat(admin.http(HttpCall.put("/admin/products/" + product).as("ops", "admin").json("""
                {"name":"Parcel %s","category":"fulfilment-test","variants":[{"sku":"%s","price":{"amount":2500,"currency":"EUR"}}]}"""
                .formatted(product, sku))).status()).isEqualTo(201);
        assertThat(admin.http(HttpCall.put("/admin/inventory/" + sku).as("ops", "admin").json("{\"available\":" + available + "}")).status()).isEqualTo(200);
        return sku;
    }

    /** A new SKU of this price and tax class (standard, reduced) with this much stock. */
    String stockedSku(int available, long price, String taxClass) {
        String product = "ret-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = product.toUpperCase() + "-1";
        assertThat(admin.http(HttpCall.put("/admin/products/" + product).as("ops", "admin").json("""
                {"name":"Returnable %s","category":"fulfilment-test","variants":[{"sku":"%s","price":{"amount":%d,"currency":"EUR"},"taxClass":"%s","weightGrams":300}]}"""
                .formatted(product, sku, price, taxClass))).status()).isEqualTo(201);
        assertThat(admin.http(HttpCall.put("/admin/inventory/" + sku).as("ops", "admin").json("{\"available\":" + available + "}")).status()).isEqualTo(200);
        return sku;
    }

    /** A percentage code for the whole shop. */
    String percentCode(int percentOff) {
        String code = "RET" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertThat(cartAdmin.http(HttpCall.put("/admin/discounts/" + code).as("ops", "admin").json("{\"kind\":\"PERCENTAGE\",\"percentOff\":" + percentOff + "}"))
                .status()).isBetween(200, 201);
        return code;
    }

    /**
     * A placed German order of these lines (sku → quantity) with this code (or none), shipped by
     * {@code methodId}, paid with {@code paymentToken}; bought by {@code customer}.
     */
    String placeGermanOrder(String customer, Map<String, Integer> lines, String code, String methodId, String paymentToken) {
        String cartId = carts.http(HttpCall.post("/carts").as(customer)).json().path("cartId").asText();
        lines.forEach((sku, quantity) -> assertThat(carts.http(HttpCall.post("/carts/" + cartId + "/items").as(customer)
                .json("{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}")).status()).isEqualTo(200));
        if (code != null) {
            assertThat(carts.http(HttpCall.post("/carts/" + cartId + "/discount").as(customer).json("{\"code\":\"" + code + "\"}")).status()).isEqualTo(200);
        }
        HttpResult placed = checkout.http(HttpCall.post("/carts/" + cartId + "/checkout").as(customer).header("Idempotency-Key", UUID.randomUUID().toString())
                .json("""
                        {"email":"ada@example.com","paymentToken":"%s","shippingMethodId":"%s","shippingAddress":
                         {"name":"Ada Lovelace","line1":"Unter den Linden 1","city":"Berlin","postalCode":"10117","country":"DE"}}"""
                        .formatted(paymentToken, methodId)));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json().path("orderId").asText();
    }

    /** The order through fulfilment to DELIVERED, as the partner's updates move it (the payment captured on shipment). */
    void deliver(String orderId, String customer) {
        assertThat(deliverOrderEvents(List.of(orderEvent(orderId, "order.placed", "PLACED", "order.placed", customer)))).isEmpty();
        assertThat(deliverUpdates(List.of(update(orderId, "fulfilment.accepted", UUID.randomUUID().toString(), "{}"),
                update(orderId, "fulfilment.shipped", UUID.randomUUID().toString(), "{\"carrier\":\"DHL\",\"trackingNumber\":\"JD01\"}"),
                update(orderId, "fulfilment.delivered", UUID.randomUUID().toString(), "{}")))).isEmpty();
        assertThat(order(orderId, customer).path("status").asText()).isEqualTo("DELIVERED");
    }

    JsonNode order(String orderId, String customer) {
        HttpResult result = checkout.http(HttpCall.get("/orders/" + orderId).as(customer));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json();
    }

    HttpResult requestReturn(String orderId, String customer, String body) {
        HttpCall call = HttpCall.post("/orders/" + orderId + "/returns").json(body);
        return checkout.http(customer == null ? call : call.as(customer));
    }

    /** The order's {@code return.requested} event as the relay publishes it, from the return the checkout answered. */
    static String returnRequested(String orderId, JsonNode returned) {
        ObjectNode data = JSON.createObjectNode();
        data.put("returnId", returned.path("returnId").asText());
        data.put("rma", returned.path("rma").asText());
        com.fasterxml.jackson.databind.node.ArrayNode lines = data.putArray("lines");
        returned.path("lines").forEach(l -> lines.add(l.deepCopy()));
        data.set("refundEstimate", returned.path("refundEstimate"));
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", EventIds.of(orderId + ":return.requested:" + returned.path("returnId").asText()).toString());
        event.put("type", "return.requested");
        event.put("version", 1);
        event.put("occurredAt", returned.path("requestedAt").asText());
        event.put("orderId", orderId);
        event.set("data", data);
        return event.toString();
    }

    /** Moves the order's delivery back in time by {@code days} (as if it had been delivered then). */
    void deliveredDaysAgo(String orderId, String customer, int days) {
        int index = order(orderId, customer).path("history").size() - 1;
        TestStack.shared().emulators().dynamo().updateItem(r -> r.tableName(TestStack.shared().resources().tableName("OrdersTable"))
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .updateExpression("SET history[" + index + "].#at = :at").expressionAttributeNames(Map.of("#at", "at"))
                .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(Instant.now().minus(java.time.Duration.ofDays(days)).toString()))));
    }

    long available(String sku) {
        Map<String, AttributeValue> item = TestStack.shared().emulators().dynamo().getItem(r -> r
                .tableName(TestStack.shared().resources().tableName("InventoryTable")).key(Map.of("sku", AttributeValue.fromS(sku)))).item();
        return Long.parseLong(item.get("available").n());
    }

    /** A placed order (paid with tok_visa) of {@code quantity} units of the SKU, by alice. */
    String placeOrder(String sku, int quantity) {
        return placeOrder(sku, quantity, "tok_visa");
    }

    /** A placed order paid with this sandbox token (one that authorizes). */
    String placeOrder(String sku, int quantity, String paymentToken) {
        String cartId = carts.http(HttpCall.post("/carts").as("alice")).json().path("cartId").asText();
        assertThat(carts.http(HttpCall.post("/carts/" + cartId + "/items").as("alice").json("{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}")).status()).isEqualTo(200);
        HttpResult placed = checkout.http(HttpCall.post("/carts/" + cartId + "/checkout").as("alice").header("Idempotency-Key", UUID.randomUUID().toString())
                .json("""
                        {"email":"ada@example.com","paymentToken":"%s","shippingAddress":
                         {"name":"Ada Lovelace","line1":"12 St James's Square","city":"London","postalCode":"SW1Y 4JH","country":"GB"}}"""
                        .formatted(paymentToken)));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json().path("orderId").asText();
    }

    JsonNode order(String orderId) {
        return order(orderId, "alice");
    }

    int cancel(String orderId) {
        return checkout.http(HttpCall.post("/orders/" + orderId + "/cancel").as("alice")).status();
    }

    /** How often the sandbox processor was called with this key (0 when never). */
    long ledgerCalls(String key) {
        Map<String, AttributeValue> item = TestStack.shared().emulators().dynamo().getItem(r -> r
                .tableName(TestStack.shared().resources().tableName("SandboxPaymentsTable"))
                .key(Map.of("idempotencyKey", AttributeValue.fromS(key)))).item();
        return item == null || item.isEmpty() ? 0 : Long.parseLong(item.get("calls").n());
    }

    /** How often the sandbox refused a call under this key as an outage. */
    long ledgerFailedCalls(String key) {
        Map<String, AttributeValue> item = TestStack.shared().emulators().dynamo().getItem(r -> r
                .tableName(TestStack.shared().resources().tableName("SandboxPaymentsTable"))
                .key(Map.of("idempotencyKey", AttributeValue.fromS(key)))).item();
        return item == null || !item.containsKey("failedCalls") ? 0 : Long.parseLong(item.get("failedCalls").n());
    }

    long ignoredUpdates(String orderId) {
        Map<String, AttributeValue> item = TestStack.shared().emulators().dynamo().getItem(r -> r
                .tableName(TestStack.shared().resources().tableName("OrdersTable")).key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
        return item.containsKey("ignoredUpdates") ? Long.parseLong(item.get("ignoredUpdates").n()) : 0;
    }

    /** Writes an owed payment call onto the order, as a crash between the move and the processor leaves it. */
    void owePayment(String orderId, String action) {
        TestStack.shared().emulators().dynamo().updateItem(r -> r.tableName(TestStack.shared().resources().tableName("OrdersTable"))
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .updateExpression("SET paymentAction = :a").expressionAttributeValues(Map.of(":a", AttributeValue.fromS(action))));
    }

    String paymentOwed(String orderId) {
        Map<String, AttributeValue> item = TestStack.shared().emulators().dynamo().getItem(r -> r
                .tableName(TestStack.shared().resources().tableName("OrdersTable")).key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
        return item.containsKey("paymentAction") ? item.get("paymentAction").s() : null;
    }

    /** An order event as the relay publishes it: the documented example, made this order's (an order.placed carries its lines and address). */
    static String orderEvent(String orderId, String type, String status) {
        return orderEvent(orderId, type, status, type);
    }

    /** As {@link #orderEvent(String, String, String)} from another example of the type ({@code order.placed.v1}). */
    static String orderEvent(String orderId, String type, String status, String example) {
        return orderEvent(orderId, type, status, example, "alice");
    }

    /** As {@link #orderEvent(String, String, String, String)} for an order of {@code customer}. */
    static String orderEvent(String orderId, String type, String status, String example, String customer) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(dev.storefront.samlocal.SamTemplate.findRepoRoot()
                    .resolve("docs/events/examples/" + example + ".json")));
            event.put("orderId", orderId);
            event.put("eventId", EventIds.of(orderId + ":" + status).toString());
            if (type.equals("order.placed")) {
                // What the relay would publish for this order: its own lines, address and email.
                JsonNode order = get().order(orderId, customer);
                ObjectNode data = (ObjectNode) event.path("data");
                data.set("lines", event.path("version").asInt() == 1 ? withoutPricing(order.path("lines")) : order.path("lines"));
                data.set("shippingAddress", order.path("shippingAddress"));
                data.set("email", order.path("email"));
            }
            return event.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Order lines as version 1 of order.placed carries them: without discount shares and taxes. */
    private static JsonNode withoutPricing(JsonNode lines) {
        com.fasterxml.jackson.databind.node.ArrayNode v1 = JSON.createArrayNode();
        lines.forEach(line -> v1.add(((ObjectNode) line.deepCopy()).without(List.of("discountAllocated", "tax", "taxClass"))));
        return v1;
    }

    /** A partner update as a partner sends it. */
    static String update(String orderId, String type, String eventId, String dataJson) {
        ObjectNode update = JSON.createObjectNode();
        update.put("eventId", eventId);
        update.put("type", type);
        update.put("version", 1);
        update.put("occurredAt", Instant.now().toString());
        update.put("orderId", orderId);
        try {
            update.set("data", JSON.readTree(dataJson));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return update.toString();
    }

    /** Order events delivered to OrderEventsConsumer as one batch from the standard queue; the batch item failures. */
    List<String> deliverOrderEvents(List<String> bodies) {
        List<Message> messages = bodies.stream().map(SqsEvents::message).toList();
        return failures(orderEvents, "OrderEventsQueue", messages);
    }

    /** Partner updates delivered as one batch from the FIFO updates queue (group = the order); the batch item failures. */
    List<String> deliverUpdates(List<String> bodies) {
        List<Message> messages = new ArrayList<>();
        for (String body : bodies) {
            String group;
            try {
                group = JSON.readTree(body).path("orderId").asText("unknown");
            } catch (IOException e) {
                group = "unparseable";
            }
            messages.add(SqsEvents.fifoMessage(body, group, UUID.randomUUID().toString(), Long.toString(SEQUENCE.getAndIncrement())));
        }
        return failures(partnerUpdates, "FulfilmentUpdatesQueue", messages);
    }

    /** The ids of messages in a batch, for matching failures. */
    private static List<String> failures(FunctionHarness handler, String queue, List<Message> messages) {
        return handler.deliver(queue, messages).stream().map(String::valueOf).toList();
    }

    /** Every message on the requests queue for the order so far (read, kept here, deleted from the queue). */
    synchronized List<Message> requestsFor(String orderId) {
        TestStack stack = TestStack.shared();
        String url = stack.resources().queueUrl("FulfilmentRequestsQueue");
        while (true) {
            List<Message> messages = stack.emulators().sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message message : messages) {
                try {
                    String order = JSON.readTree(message.body()).path("orderId").asText();
                    requestsByOrder.computeIfAbsent(order, o -> new ArrayList<>()).add(message);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                stack.emulators().sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
        return List.copyOf(requestsByOrder.getOrDefault(orderId, List.of()));
    }
}
