package dev.storefront.checkout;

import dev.storefront.domain.Money;
import dev.storefront.domain.order.PaymentGateway;
import dev.storefront.domain.webhook.WebhookSignature;
import dev.storefront.payments.SandboxIssuer;
import dev.storefront.payments.SandboxPaymentGateway;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox processor as it is, except that when a test arms it, the shopper's bank answers a
 * 3-D Secure payment and its webhook is handled before authorize returns: the webhook arrives
 * before checkout has written its answer, the ordering a real network can produce.
 */
final class WebhookFirstGateway implements PaymentGateway {

    /** The outcome the next 3-D Secure payment gets before checkout answers; null: behave as the sandbox. */
    static volatile Boolean nextBankAnswer;

    private final SandboxPaymentGateway sandbox;
    private final SandboxIssuer bank;
    private final String secret;
    private final Provider<PaymentWebhook> webhook;

    private WebhookFirstGateway(SandboxPaymentGateway sandbox, SandboxIssuer bank, String secret, Provider<PaymentWebhook> webhook) {
        this.sandbox = sandbox;
        this.bank = bank;
        this.secret = secret;
        this.webhook = webhook;
    }

    @Override
    public Authorization authorize(String idempotencyKey, String orderId, String paymentToken, Money amount) {
        Authorization answer = sandbox.authorize(idempotencyKey, orderId, paymentToken, amount);
        Boolean bankAnswer = nextBankAnswer;
        if (bankAnswer != null && answer.outcome() == Authorization.Outcome.REQUIRES_ACTION) {
            nextBankAnswer = null;
            String event = bank.complete(answer.authorizationId(), bankAnswer).orElseThrow().event();
            webhook.get().receive(event, WebhookSignature.header(secret, Instant.now(), event));
        }
        return answer;
    }

    @Override
    public Optional<Authorization> status(String paymentId) {
        return sandbox.status(paymentId);
    }

    @Override
    public List<HeldPayment> heldPayments(Instant from, Instant to, int limit) {
        return sandbox.heldPayments(from, to, limit);
    }

    @Override
    public PaymentEvent verifyEvent(String body, String signatureHeader, Instant now) {
        return sandbox.verifyEvent(body, signatureHeader, now);
    }

    @Override
    public void capture(String idempotencyKey, String authorizationId, Money amount) {
        sandbox.capture(idempotencyKey, authorizationId, amount);
    }

    @Override
    public void voidAuthorization(String idempotencyKey, String authorizationId) {
        sandbox.voidAuthorization(idempotencyKey, authorizationId);
    }

    @Override
    public void refund(String paymentId, Money amount, String idempotencyKey) {
        sandbox.refund(paymentId, amount, idempotencyKey);
    }

    @Factory
    static class Beans {
        @Singleton
        @Replaces(SandboxPaymentGateway.class)
        PaymentGateway webhookFirst(DynamoDbClient dynamo, @Value("${storefront.tables.payments}") String ledger,
                                    @Value("${storefront.payments.webhook-secret}") String secret,
                                    @Value("${storefront.payments.issuer-url}") String issuerUrl, Provider<PaymentWebhook> webhook) {
            return new WebhookFirstGateway(new SandboxPaymentGateway(dynamo, ledger, secret, issuerUrl),
                    new SandboxIssuer(dynamo, ledger, secret, null, Clock.systemUTC()), secret, webhook);
        }
    }
}
