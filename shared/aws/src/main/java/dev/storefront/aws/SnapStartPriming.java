package dev.storefront.aws;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SnapStart priming: before Lambda snapshots an initialised function (a published version with
 * {@code SnapStart: ApplyOn: PublishedVersions}), make one harmless DynamoDB call and one JSON round
 * trip, so the snapshot holds the SDK's request path (marshalling, signing, the HTTP client, error
 * and response unmarshalling) and the serde machinery loaded and initialised, not just constructed.
 * A restored function then pays neither on its first request.
 *
 * <p>Created with the application context ({@link Context}), in every function. The call is a
 * GetItem of a key that never exists, on the first table of the function's environment it may read;
 * a refusal (the function has no read right on that table) still primes the whole path and is
 * ignored. Outside a CRaC-capable runtime (tests, the local runtime) registration does nothing.
 */
@Context
public class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    static final String MISSING_KEY = "snapstart-priming";

    private final DynamoDbClient dynamo;
    private final JsonMapper json;
    /** Table name to the name of its key attribute, in the order to try. */
    private final Map<String, String> tables = new LinkedHashMap<>();

    SnapStartPriming(DynamoDbClient dynamo, JsonMapper json,
                     @Nullable @Value("${storefront.tables.products:}") String products,
                     @Nullable @Value("${storefront.tables.carts:}") String carts,
                     @Nullable @Value("${storefront.tables.orders:}") String orders,
                     @Nullable @Value("${storefront.tables.discounts:}") String discounts) {
        this.dynamo = dynamo;
        this.json = json;
        put(products, "id");
        put(carts, "cartId");
        put(orders, "orderId");
        put(discounts, "code");
        Core.getGlobalContext().register(this);
    }

    private void put(String table, String key) {
        if (table != null && !table.isBlank()) {
            tables.put(table, key);
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: clients hold no credentials of their own (the SDK reads them per call
        // from the restored environment) and open connections are re-established on demand.
    }

    /** The priming itself; returns how many DynamoDB calls it made. Never fails the snapshot. */
    public int prime() {
        int calls = 0;
        for (Map.Entry<String, String> table : tables.entrySet()) {
            calls++;
            try {
                dynamo.getItem(r -> r.tableName(table.getKey()).key(Map.of(table.getValue(), AttributeValue.fromS(MISSING_KEY))));
                break;
            } catch (SdkException e) {
                LOG.debug("SnapStart priming read of {} refused ({}); trying the next table", table.getKey(), e.getMessage());
            }
        }
        try {
            Map<String, Object> sample = Map.of("priming", true, "amount", 1250, "lines", List.of(Map.of("sku", "PRIMING", "quantity", 1)));
            json.readValue(json.writeValueAsBytes(sample), Map.class);
        } catch (IOException | RuntimeException e) {
            LOG.debug("SnapStart priming JSON round trip failed: {}", e.toString());
        }
        LOG.info("SnapStart priming done: {} DynamoDB call(s), one JSON round trip", calls);
        return calls;
    }
}
