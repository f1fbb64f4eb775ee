package dev.storefront.payments;

import dev.storefront.domain.Money;
import dev.storefront.domain.order.PaymentGateway;
import dev.storefront.domain.order.PaymentGateway.Unavailable;
import dev.storefront.domain.webhook.WebhookSignature;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test processor in the style of Stripe's test mode: {@code tok_visa} authorizes,
 * {@code tok_chargeDeclined} declines, {@code tok_processingError} fails as a processor outage
 * does; any other token declines as invalid. {@code tok_threeDSecureRequired} opens a payment that
 * waits for the shopper's bank (REQUIRES_ACTION, a redirect to the issuer's page): the local runtime's
 * {@link SandboxIssuer} decides it and sends the signed webhook. {@code tok_voidProcessingError}
 * authorizes, and the processor then fails the first {@value #VOID_OUTAGES} voids of that
 * authorization as an outage (nothing recorded, {@link Unavailable}) and takes the next: how tests
 * make only a void fail, for a while. {@code tok_refundFails} authorizes and captures, and the processor
 * refuses every refund of that payment as an outage (how tests make a refund fail until it is
 * reported). A refund is recorded per key with its amount; a payment is never refunded past what was
 * captured ({@link Unavailable} otherwise, as a processor's own refusal). Like a real processor it keeps a ledger, keyed by the
 * caller's idempotency key: a repeated key gets the first answer and moves no money twice, and
 * {@code calls} counts how often a key was sent (tests assert on it).
 */
@Singleton
@Requires(property = "storefront.tables.payments") // a function not given the processor's table has no processor
public class SandboxPaymentGateway implements PaymentGateway {

    static final int VOID_OUTAGES = 2;
    private static final String VOID_OUTAGE_PREFIX = "auth_voidoutage_";
    private static final String THREE_D_SECURE_PREFIX = "pi_3ds_";
    private static final String REFUND_FAILS_PREFIX = "auth_refundfails_";

    private final SandboxLedger ledger;
    private final PaymentSettings settings;

    @Inject
    SandboxPaymentGateway(DynamoDbClient dynamo, PaymentTables tables, PaymentSettings settings, Clock clock) {
        this(dynamo, tables.payments(), settings, clock);
    }

    /** For a test that wraps the sandbox (to deliver a webhook at a chosen moment). */
    public SandboxPaymentGateway(DynamoDbClient dynamo, String ledgerTable, String webhookSecret, String issuerUrl) {
        this(dynamo, ledgerTable, webhookSecret, issuerUrl, Clock.systemUTC());
    }

    /** For a test that needs payments authorized at another time (the reconciler's, judging old ones). */
    public SandboxPaymentGateway(DynamoDbClient dynamo, String ledgerTable, String webhookSecret, String issuerUrl, Clock clock) {
        this(dynamo, ledgerTable, new PaymentSettings(webhookSecret, issuerUrl), clock);
    }

    private SandboxPaymentGateway(DynamoDbClient dynamo, String ledgerTable, PaymentSettings settings, Clock clock) {
        this.ledger = new SandboxLedger(dynamo, ledgerTable, clock);
        this.settings = settings;
    }

    @Override
    public Authorization authorize(String idempotencyKey, String orderId, String paymentToken, Money amount) {
        Authorization outcome = switch (paymentToken) {
            case "tok_visa", "tok_mastercard" -> Authorization.authorized("auth_" + digest(idempotencyKey));
            case "tok_voidProcessingError" -> Authorization.authorized(VOID_OUTAGE_PREFIX + digest(idempotencyKey));
            case "tok_refundFails" -> Authorization.authorized(REFUND_FAILS_PREFIX + digest(idempotencyKey));
            case "tok_threeDSecureRequired" -> Authorization.requiresAction(THREE_D_SECURE_PREFIX + digest(idempotencyKey), null);
            case "tok_chargeDeclined" -> Authorization.declined("card_declined");
            case "tok_processingError" -> Authorization.failed("processing_error");
            default -> Authorization.declined("invalid_token");
        };
        if (outcome.outcome() == Authorization.Outcome.FAILED) {
            // An outage records nothing: the same key may succeed later, as with a real processor.
            return outcome;
        }
        if (outcome.outcome() == Authorization.Outcome.REQUIRES_ACTION || outcome.outcome() == Authorization.Outcome.AUTHORIZED) {
            ledger.open(outcome.authorizationId(), orderId, amount,
                    outcome.outcome() == Authorization.Outcome.AUTHORIZED ? SandboxLedger.State.SUCCEEDED : SandboxLedger.State.REQUIRES_ACTION);
        }
        Map<String, AttributeValue> first = ledger.record(idempotencyKey, "authorize", amount, Map.of(
                "outcome", AttributeValue.fromS(outcome.outcome().name()),
                "authorizationId", AttributeValue.fromS(outcome.authorizationId() == null ? "-" : outcome.authorizationId()),
                "declineCode", AttributeValue.fromS(outcome.declineCode() == null ? "-" : outcome.declineCode())));
        Authorization.Outcome recorded = Authorization.Outcome.valueOf(first.get("outcome").s());
        String id = dash(first.get("authorizationId").s());
        return new Authorization(recorded, id, dash(first.get("declineCode").s()),
                recorded == Authorization.Outcome.REQUIRES_ACTION ? issuerPage(id) : null);
    }

    @Override
    public Optional<Authorization> status(String paymentId) {
        return ledger.payment(paymentId).map(p -> switch (p.state()) {
            case REQUIRES_ACTION -> Authorization.requiresAction(paymentId, issuerPage(paymentId));
            case SUCCEEDED -> Authorization.authorized(paymentId);
            case FAILED -> Authorization.declined(paymentId, SandboxEvents.AUTHENTICATION_FAILED);
        });
    }

    @Override
    public PaymentEvent verifyEvent(String body, String signatureHeader, Instant now) {
        try {
            WebhookSignature.verify(settings.webhookSecret(), signatureHeader, body, now);
        } catch (WebhookSignature.Refused e) {
            throw new SignatureRefused(e.getMessage());
        }
        return SandboxEvents.read(body);
    }

    @Override
    public void capture(String idempotencyKey, String authorizationId, Money amount) {
        ledger.record(idempotencyKey, "capture", amount, Map.of("authorizationId", AttributeValue.fromS(authorizationId)));
        ledger.captured(authorizationId, amount);
        ledger.settle(authorizationId, "captured");
    }

    @Override
    public void voidAuthorization(String idempotencyKey, String authorizationId) {
        if (authorizationId.startsWith(VOID_OUTAGE_PREFIX) && ledger.count("outage:" + idempotencyKey) <= VOID_OUTAGES) {
            throw new Unavailable("processing_error: void " + idempotencyKey + " not taken");
        }
        ledger.record(idempotencyKey, "void", null, Map.of("authorizationId", AttributeValue.fromS(authorizationId)));
        ledger.settle(authorizationId, "voided");
    }

    @Override
    public List<HeldPayment> heldPayments(Instant from, Instant to, int limit) {
        return ledger.held(from, to, limit);
    }

    @Override
    public void refund(String paymentId, Money amount, String idempotencyKey) {
        if (paymentId.startsWith(REFUND_FAILS_PREFIX)) {
            ledger.count("outage:" + idempotencyKey);
            throw new Unavailable("processing_error: refund " + idempotencyKey + " not taken");
        }
        if (!ledger.refund(idempotencyKey, paymentId, amount)) {
            throw new Unavailable("refund " + idempotencyKey + " of " + amount.amount() + " exceeds what payment " + paymentId + " has left");
        }
    }

    /** Where the shopper confirms the payment: the issuer's page (locally served by the runtime, SandboxIssuer). */
    private String issuerPage(String paymentId) {
        String base = settings.issuerUrl();
        return (base.endsWith("/") ? base : base + "/") + paymentId;
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
