package dev.storefront.insights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.domain.EventIds;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.samlocal.SamTemplate;
import dev.storefront.samlocal.SqsEvents;
import dev.storefront.testsupport.TestStack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insights handlers of template.yaml in this JVM over DynamoDB Local and ElasticMQ: the
 * analytics-events consumer (fed SQS events as Lambda sends them) and the admin HTTP function.
 * Events are the documented examples of docs/events made this test's; products are written to
 * the Products table in the shape the catalog stores them.
 */
final class Customers {

    static final ObjectMapper JSON = new ObjectMapper();
    private static Customers instance;

    final FunctionHarness events = FunctionHarness.start("InsightsFunction");
    final FunctionHarness admin = FunctionHarness.start("InsightsAdminFunction");
    private final Map<String, List<JsonNode>> notificationsByCustomer = new ConcurrentHashMap<>();

    static synchronized Customers get() {
        if (instance == null) {
            instance = new Customers();
            instance.rule("campus", "{\"emailDomainEndsWith\":\".edu\"}");
            instance.rule("loyal", "{\"minOrders\":3}");
            instance.rule("new", "{\"maxOrders\":1}");
        }
        return instance;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String orderId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static DynamoDbClient dynamo() {
        return TestStack.shared().emulators().dynamo();
    }

    static String table(String logicalId) {
        return TestStack.shared().resources().tableName(logicalId);
    }

    HttpResult rule(String name, String json) {
        HttpResult put = admin.http(HttpCall.put("/admin/segments/" + name).as("ops", "admin").json(json));
        assertThat(put.status()).as(put.toString()).isIn(200, 201);
        return put;
    }

    /** A product of the catalog, as the catalog stores it. */
    String product(String category) {
        String id = unique("prod");
        dynamo().putItem(r -> r.tableName(table("ProductsTable")).item(Map.of("id", AttributeValue.fromS(id),
                "listing", AttributeValue.fromS("PRODUCT"), "category", AttributeValue.fromS(category),
                "name", AttributeValue.fromS("Product " + id), "variants", AttributeValue.fromL(List.of()))));
        return id;
    }

    /** order.placed as the relay publishes it, for a customer (null: a guest) with these products. */
    static String placed(String orderId, String customerId, String email, String... productIds) {
        ObjectNode event = example("order.placed");
        event.put("orderId", orderId);
        event.put("eventId", EventIds.of(orderId + ":PLACED").toString());
        event.put("occurredAt", Instant.now().toString());
        ObjectNode data = (ObjectNode) event.get("data");
        if (customerId != null) {
            data.put("customerId", customerId);
        }
        data.put("email", email);
        ArrayNode lines = (ArrayNode) data.get("lines");
        ObjectNode template = (ObjectNode) lines.get(0);
        lines.removeAll();
        for (String productId : productIds) {
            ObjectNode line = template.deepCopy();
            line.put("productId", productId);
            line.put("sku", productId.toUpperCase() + "-1");
            lines.add(line);
        }
        return event.toString();
    }

    static String delivered(String orderId) {
        ObjectNode event = example("order.delivered");
        event.put("orderId", orderId);
        event.put("eventId", EventIds.of(orderId + ":DELIVERED").toString());
        event.put("occurredAt", Instant.now().toString());
        return event.toString();
    }

    private static ObjectNode example(String type) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(SamTemplate.findRepoRoot().resolve("docs/events/examples/" + type + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messages delivered to the analytics-events consumer as one batch; the positions of the failed ones. */
    List<Integer> deliver(String... bodies) {
        List<Message> messages = new ArrayList<>();
        for (String body : bodies) {
            messages.add(SqsEvents.message(body));
        }
        return events.deliver("AnalyticsEventsQueue", messages);
    }

    Map<String, AttributeValue> profile(String customerId) {
        Map<String, AttributeValue> item = dynamo().getItem(r -> r.tableName(table("CustomersTable"))
                .key(Map.of("pk", AttributeValue.fromS("CUSTOMER#" + customerId), "sk", AttributeValue.fromS("PROFILE"))).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    long orderCount(String customerId) {
        Map<String, AttributeValue> profile = profile(customerId);
        return profile.containsKey("orderCount") ? Long.parseLong(profile.get("orderCount").n()) : 0;
    }

    Set<String> segments(String customerId) {
        Map<String, AttributeValue> profile = profile(customerId);
        return profile.containsKey("segments") ? Set.copyOf(profile.get("segments").ss()) : Set.of();
    }

    boolean isMember(String segment, String customerId) {
        Map<String, AttributeValue> item = dynamo().getItem(r -> r.tableName(table("CustomersTable"))
                .key(Map.of("pk", AttributeValue.fromS("SEGMENT#" + segment), "sk", AttributeValue.fromS("CUSTOMER#" + customerId))).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    /** Retention coupons issued to a customer, as DiscountCodes holds them. */
    List<Map<String, AttributeValue>> couponsOf(String customerId) {
        String code = profile(customerId).containsKey("retentionCoupon") ? profile(customerId).get("retentionCoupon").s() : null;
        if (code == null) {
            return List.of();
        }
        Map<String, AttributeValue> item = dynamo().getItem(r -> r.tableName(table("DiscountCodesTable"))
                .key(Map.of("code", AttributeValue.fromS(code))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? List.of() : List.of(item);
    }

    /** Everything on the notifications queue so far, kept by customer (this JVM is its only reader). */
    List<JsonNode> notificationsFor(String customerId) {
        TestStack stack = TestStack.shared();
        String url = stack.resources().queueUrl("NotificationsQueue");
        List<Message> received;
        do {
            received = stack.emulators().sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All")).messages();
            for (Message message : received) {
                dev.storefront.testsupport.EventSchemas.assertValid(message.body());
                try {
                    JsonNode body = JSON.readTree(message.body());
                    notificationsByCustomer.computeIfAbsent(body.path("customerId").asText(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(body);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                stack.emulators().sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        } while (!received.isEmpty());
        return notificationsByCustomer.getOrDefault(customerId, List.of());
    }

    static String hex(int bytes) {
        byte[] random = new byte[bytes];
        new java.security.SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
