package dev.storefront.payments;

import dev.storefront.domain.Money;
import dev.storefront.domain.order.PaymentGateway;
import dev.storefront.samlocal.EmulatorOptions;
import dev.storefront.samlocal.Emulators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox's refunds on DynamoDB Local: partial, idempotent per key, never past the capture; tok_refundFails refuses them. */
class SandboxRefundTest {

    static Emulators emulators;
    static SandboxPaymentGateway sandbox;

    @BeforeAll
    static void start() {
        emulators = Emulators.start(EmulatorOptions.ephemeral());
        emulators.dynamo().createTable(b -> b.tableName("payments")
                .keySchema(KeySchemaElement.builder().attributeName("idempotencyKey").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("idempotencyKey").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        sandbox = new SandboxPaymentGateway(emulators.dynamo(), "payments", "whsec_x", "http://localhost/pay");
    }

    @AfterAll
    static void stop() {
        emulators.close();
    }

    static String captured(String token, long amount) {
        String order = UUID.randomUUID().toString();
        String id = sandbox.authorize("order:" + order + ":authorize", order, token, new Money(amount, "EUR")).authorizationId();
        sandbox.capture("order:" + order + ":capture", id, new Money(amount, "EUR"));
        return id;
    }

    @Test
    void partial_refunds_add_up_to_the_capture_and_a_repeated_key_moves_nothing_twice() {
        String payment = captured("tok_visa", 10_000);

        sandbox.refund(payment, new Money(4_000, "EUR"), "refund:a");
        sandbox.refund(payment, new Money(4_000, "EUR"), "refund:a");
        sandbox.refund(payment, new Money(6_000, "EUR"), "refund:b");

        assertThat(calls("refund:a")).isEqualTo(2);
        assertThat(refundable(payment)).isZero();
        assertThatThrownBy(() -> sandbox.refund(payment, new Money(1, "EUR"), "refund:c")).isInstanceOf(PaymentGateway.Unavailable.class);
    }

    @Test
    void ten_concurrent_refunds_never_take_more_than_was_captured() {
        String payment = captured("tok_visa", 10_000);
        AtomicInteger taken = new AtomicInteger();

        CompletableFuture.allOf(IntStream.range(0, 10).mapToObj(i -> CompletableFuture.runAsync(() -> {
            try {
                sandbox.refund(payment, new Money(3_000, "EUR"), "refund:" + UUID.randomUUID());
                taken.incrementAndGet();
            } catch (PaymentGateway.Unavailable refused) {
                // past the capture
            }
        })).toArray(CompletableFuture[]::new)).join();

        assertThat(taken.get()).isEqualTo(3);
        assertThat(refundable(payment)).isEqualTo(1_000);
    }

    @Test
    void a_payment_made_with_tok_refundFails_refuses_every_refund_as_an_outage() {
        String payment = captured("tok_refundFails", 5_000);

        assertThatThrownBy(() -> sandbox.refund(payment, new Money(100, "EUR"), "refund:x")).isInstanceOf(PaymentGateway.Unavailable.class);
        assertThat(refundable(payment)).isEqualTo(5_000);
    }

    static long calls(String key) {
        return Long.parseLong(item(key).get("calls").n());
    }

    static long refundable(String payment) {
        return Long.parseLong(item("captured:" + payment).get("refundable").n());
    }

    static Map<String, AttributeValue> item(String key) {
        return emulators.dynamo().getItem(r -> r.tableName("payments").key(Map.of("idempotencyKey", AttributeValue.fromS(key)))).item();
    }
}
