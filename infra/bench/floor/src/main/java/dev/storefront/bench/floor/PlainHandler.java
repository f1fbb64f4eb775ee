package dev.storefront.bench.floor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The floor of the benchmarks: what a route costs with no framework at all. It makes the same
 * DynamoDB calls as the function serving the route, with the same SDK client set up the same way
 * (url-connection HTTP client, explicit region, endpoint from STOREFRONT_AWS_ENDPOINTS_DYNAMODB,
 * tables from STOREFRONT_TABLES_*), and writes the items back as JSON by hand. No validation, no
 * pricing, no error mapping: a lower bound, not a competitor. Primed for SnapStart as the functions
 * are (their SnapStartPriming): one GetItem of a missing key before the snapshot.
 */
public class PlainHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    private final DynamoDbClient dynamo;
    private final String products = setting("STOREFRONT_TABLES_PRODUCTS");
    private final String inventory = setting("STOREFRONT_TABLES_INVENTORY");
    private final String carts = setting("STOREFRONT_TABLES_CARTS");

    public PlainHandler() {
        var builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build())
                .region(Region.of(setting("AWS_REGION")));
        String endpoint = setting("STOREFRONT_AWS_ENDPOINTS_DYNAMODB");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        dynamo = builder.build();
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            dynamo.getItem(r -> r.tableName(products).key(Map.of("id", AttributeValue.fromS("snapstart-priming"))));
        } catch (RuntimeException e) {
            // A refused or failed read still primes the request path; it must not fail the snapshot.
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    /**
     * An environment variable; in the bench's own JVM (several functions, one environment) the
     * overlay the local runtime writes beside the jar, under the names Micronaut reads them by.
     */
    private static String setting(String name) {
        String value = System.getenv(name);
        if (value != null) {
            return value;
        }
        try (InputStream in = PlainHandler.class.getClassLoader().getResourceAsStream("application-local-runtime.properties")) {
            Properties overlay = new Properties();
            if (in != null) {
                overlay.load(in);
            }
            return overlay.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        String body = switch (event.getRouteKey()) {
            case "GET /products/{productId}" -> product(path.get("productId"));
            case "GET /products" -> page(20);
            case "GET /carts/{cartId}" -> cart(path.get("cartId"));
            default -> null;
        };
        return APIGatewayV2HTTPResponse.builder().withStatusCode(body == null ? 404 : 200)
                .withHeaders(Map.of("content-type", "application/json")).withBody(body == null ? "{}" : body).build();
    }

    /** GetItem of the product + BatchGetItem of its SKUs' stock: what the catalog does. */
    private String product(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(products).key(Map.of("id", AttributeValue.fromS(id)))).item();
        if (item == null || item.isEmpty()) {
            return null;
        }
        List<Map<String, AttributeValue>> stock = batchGet(inventory, "sku", skus(List.of(item)));
        return "{\"product\":" + json(AttributeValue.fromM(item)) + ",\"stock\":" + json(AttributeValue.fromL(stock.stream().map(AttributeValue::fromM).toList())) + "}";
    }

    /** Query of a page on byListing + one BatchGetItem of every SKU on it. */
    private String page(int limit) {
        List<Map<String, AttributeValue>> items = dynamo.query(r -> r.tableName(products).indexName("byListing").limit(limit)
                .keyConditionExpression("listing = :l").expressionAttributeValues(Map.of(":l", AttributeValue.fromS("PRODUCT")))).items();
        List<Map<String, AttributeValue>> stock = batchGet(inventory, "sku", skus(items));
        return "{\"items\":" + json(AttributeValue.fromL(items.stream().map(AttributeValue::fromM).toList()))
                + ",\"stock\":" + json(AttributeValue.fromL(stock.stream().map(AttributeValue::fromM).toList())) + "}";
    }

    /** Consistent GetItem of the cart + one BatchGetItem of its SKUs' stock and their products (the lines name both). */
    private String cart(String cartId) {
        Map<String, AttributeValue> cart = dynamo.getItem(r -> r.tableName(carts).key(Map.of("cartId", AttributeValue.fromS(cartId))).consistentRead(true)).item();
        if (cart == null || cart.isEmpty()) {
            return null;
        }
        List<AttributeValue> lines = cart.containsKey("lines") ? cart.get("lines").l() : List.of();
        List<Map<String, AttributeValue>> skuKeys = lines.stream().map(l -> l.m().get("sku").s()).distinct()
                .map(sku -> Map.of("sku", AttributeValue.fromS(sku))).toList();
        List<Map<String, AttributeValue>> productKeys = lines.stream().map(l -> l.m().get("productId").s()).distinct()
                .map(id -> Map.of("id", AttributeValue.fromS(id))).toList();
        if (skuKeys.isEmpty()) {
            return "{\"cart\":" + json(AttributeValue.fromM(cart)) + "}";
        }
        Map<String, List<Map<String, AttributeValue>>> found = dynamo.batchGetItem(r -> r.requestItems(Map.of(
                inventory, KeysAndAttributes.builder().keys(skuKeys).build(),
                products, KeysAndAttributes.builder().keys(productKeys).build()))).responses();
        return "{\"cart\":" + json(AttributeValue.fromM(cart)) + ",\"products\":" + found.getOrDefault(products, List.of()).size()
                + ",\"stock\":" + json(AttributeValue.fromL(found.getOrDefault(inventory, List.of()).stream().map(AttributeValue::fromM).toList())) + "}";
    }

    private static List<String> skus(List<Map<String, AttributeValue>> products) {
        return products.stream().flatMap(p -> p.get("variants").l().stream()).map(v -> v.m().get("sku").s()).distinct().toList();
    }

    private List<Map<String, AttributeValue>> batchGet(String table, String keyName, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return dynamo.batchGetItem(r -> r.requestItems(Map.of(table, KeysAndAttributes.builder()
                .keys(keys.stream().map(k -> Map.of(keyName, AttributeValue.fromS(k))).toList()).build()))).responses().getOrDefault(table, List.of());
    }

    /** DynamoDB's JSON shape flattened to plain JSON, by hand. */
    static String json(AttributeValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(AttributeValue v, StringBuilder out) {
        if (v.s() != null) {
            out.append('"').append(v.s().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else if (v.n() != null) {
            out.append(v.n());
        } else if (v.bool() != null) {
            out.append(v.bool());
        } else if (v.hasM()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, AttributeValue> e : new LinkedHashMap<>(v.m()).entrySet()) {
                out.append(first ? "" : ",").append('"').append(e.getKey()).append("\":");
                write(e.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (v.hasL()) {
            out.append('[');
            List<AttributeValue> items = new ArrayList<>(v.l());
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(items.get(i), out);
            }
            out.append(']');
        } else if (v.hasSs()) {
            out.append(v.ss().stream().map(s -> '"' + s + '"').toList());
        } else {
            out.append("null");
        }
    }
}
