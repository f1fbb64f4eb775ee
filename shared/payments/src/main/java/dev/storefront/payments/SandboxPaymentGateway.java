package dev.storefront.payments;

import dev.storefront.domain.Money;
import dev.storefront.domain.order.PaymentGateway;
import dev.storefront.domain.order.PaymentGateway.Unavailable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A test processor in the style of Stripe's test mode: {@code tok_visa} authorizes,
 * {@code tok_chargeDeclined} declines, {@code tok_processingError} fails as a processor outage
 * does; any other token declines as invalid. {@code tok_voidProcessingError} authorizes, and the
 * processor then fails the first {@value #VOID_OUTAGES} voids of that authorization as an outage
 * (nothing recorded, {@link Unavailable}) and takes the next: how tests make only a void fail, for
 * a while. Like a real processor it keeps a ledger, keyed by the
 * caller's idempotency key: a repeated key gets the first answer and moves no money twice, and
 * {@code calls} counts how often a key was sent (tests assert on it).
 */
@Singleton
public class SandboxPaymentGateway implements PaymentGateway {

    static final int VOID_OUTAGES = 2;
    private static final String VOID_OUTAGE_PREFIX = "auth_voidoutage_";

    private final DynamoDbClient dynamo;
    private final String ledger;

    SandboxPaymentGateway(DynamoDbClient dynamo, PaymentTables tables) {
        this.dynamo = dynamo;
        this.ledger = tables.payments();
    }

    @Override
    public Authorization authorize(String idempotencyKey, String paymentToken, Money amount) {
        Authorization outcome = switch (paymentToken) {
            case "tok_visa", "tok_mastercard" -> Authorization.authorized("auth_" + digest(idempotencyKey));
            case "tok_voidProcessingError" -> Authorization.authorized(VOID_OUTAGE_PREFIX + digest(idempotencyKey));
            case "tok_chargeDeclined" -> Authorization.declined("card_declined");
            case "tok_processingError" -> Authorization.failed("processing_error");
            default -> Authorization.declined("invalid_token");
        };
        if (outcome.outcome() == Authorization.Outcome.FAILED) {
            // An outage records nothing: the same key may succeed later, as with a real processor.
            return outcome;
        }
        Map<String, AttributeValue> first = record(idempotencyKey, "authorize", amount, Map.of(
                "outcome", AttributeValue.fromS(outcome.outcome().name()),
                "authorizationId", AttributeValue.fromS(outcome.authorizationId() == null ? "-" : outcome.authorizationId()),
                "declineCode", AttributeValue.fromS(outcome.declineCode() == null ? "-" : outcome.declineCode())));
        Authorization.Outcome recorded = Authorization.Outcome.valueOf(first.get("outcome").s());
        return new Authorization(recorded, dash(first.get("authorizationId").s()), dash(first.get("declineCode").s()));
    }

    @Override
    public void capture(String idempotencyKey, String authorizationId, Money amount) {
        record(idempotencyKey, "capture", amount, Map.of("authorizationId", AttributeValue.fromS(authorizationId)));
    }

    @Override
    public void voidAuthorization(String idempotencyKey, String authorizationId) {
        if (authorizationId.startsWith(VOID_OUTAGE_PREFIX) && voidOutageLasts(idempotencyKey)) {
            throw new Unavailable("processing_error: void " + idempotencyKey + " not taken");
        }
        record(idempotencyKey, "void", null, Map.of("authorizationId", AttributeValue.fromS(authorizationId)));
    }

    /** Counts a void of an outage authorization beside its ledger entry; true while it is among the first {@value #VOID_OUTAGES}. */
    private boolean voidOutageLasts(String key) {
        Map<String, AttributeValue> outage = dynamo.updateItem(r -> r.tableName(ledger)
                .key(Map.of("idempotencyKey", AttributeValue.fromS("outage:" + key)))
                .updateExpression("ADD #failed :one")
                .expressionAttributeNames(Map.of("#failed", "failedCalls"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Long.parseLong(outage.get("failedCalls").n()) <= VOID_OUTAGES;
    }

    /** Writes the first answer for a key and counts every call; returns the ledger entry as first written. */
    private Map<String, AttributeValue> record(String key, String operation, Money amount, Map<String, AttributeValue> answer) {
        StringBuilder set = new StringBuilder("SET #op = if_not_exists(#op, :op)");
        Map<String, String> names = new java.util.HashMap<>(Map.of("#op", "operation", "#calls", "calls"));
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":op", AttributeValue.fromS(operation), ":one", AttributeValue.fromN("1")));
        int i = 0;
        Map<String, AttributeValue> all = new java.util.HashMap<>(answer);
        if (amount != null) {
            all.put("amount", AttributeValue.fromN(Long.toString(amount.amount())));
            all.put("currency", AttributeValue.fromS(amount.currency()));
        }
        for (Map.Entry<String, AttributeValue> field : all.entrySet()) {
            names.put("#f" + i, field.getKey());
            values.put(":f" + i, field.getValue());
            set.append(", #f").append(i).append(" = if_not_exists(#f").append(i).append(", :f").append(i).append(')');
            i++;
        }
        return dynamo.updateItem(r -> r.tableName(ledger)
                .key(Map.of("idempotencyKey", AttributeValue.fromS(key)))
                .updateExpression(set + " ADD #calls :one")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)).attributes();
    }

    private static String dash(String value) {
        return "-".equals(value) ? null : value;
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
