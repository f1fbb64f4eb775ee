package dev.storefront.checkout;

import dev.storefront.samlocal.FaultProxy;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The short chaos scenario: shoppers check out at once while DynamoDB (the shop's tables and the
 * sandbox processor's ledger) throttles, fails or cuts the connection on about a fifth of the calls, with
 * no SDK retry, so every fault reaches the shopper as a 503, until the outage ends. Each
 * shopper does what docs/CHECKOUT.md tells clients to: on 503 (and 409 while the key is in flight)
 * retry with the same Idempotency-Key. Healed, the books must agree: exactly as many orders as there
 * were units, no unit left or lost, one authorization per order, every key answering what it did.
 */
class CheckoutUnderFaultsTest {

    static final int UNITS = 6;
    static final int SHOPPERS = 12;
    static final int FAULTY_ATTEMPTS = 40;

    static Shop shop;
    static FaultProxy proxy;
    static FunctionHarness faulty;

    @BeforeAll
    static void start() throws Exception {
        shop = new Shop();
        proxy = FaultProxy.inFrontOf(TestStack.shared().emulators().dynamoEndpoint(), 7);
        faulty = FunctionHarness.start("CheckoutFunction", Map.of(
                "STOREFRONT_AWS_ENDPOINTS_DYNAMODB", proxy.endpoint().toString(),
                "STOREFRONT_AWS_MAX_ATTEMPTS", "1"));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    record Outcome(String key, HttpResult answer) {
    }

    @Test
    void shoppers_retrying_through_throttling_errors_and_cut_connections_never_oversell_or_charge_twice() throws Exception {
        String sku = shop.stockedProduct(UNITS, 1500)[0];
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < SHOPPERS; i++) {
            carts.add(shop.cart(null, 1, sku));
        }
        proxy.inject("*", FaultProxy.Fault.THROTTLE, 0.12)
                .inject("*", FaultProxy.Fault.SERVER_ERROR, 0.06)
                .inject("*", FaultProxy.Fault.RESET, 0.06);

        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<CompletableFuture<Outcome>> shoppers = new ArrayList<>();
        try {
            for (String cartId : carts) {
                shoppers.add(CompletableFuture.supplyAsync(() -> shopper(cartId), pool));
            }
            // The faulty phase: until the shoppers made FAULTY_ATTEMPTS tries (or all are done), then healed,
            // as an outage ends; a key a failed attempt left in flight is free again when its lease ends.
            await().atMost(Duration.ofSeconds(20)).until(() -> ATTEMPTS.get() >= FAULTY_ATTEMPTS || shoppers.stream().allMatch(CompletableFuture::isDone));
            proxy.heal();
            CompletableFuture.allOf(shoppers.toArray(CompletableFuture[]::new)).get();
        } finally {
            pool.shutdownNow();
            proxy.heal();
        }
        long faults = proxy.injected(FaultProxy.Fault.THROTTLE) + proxy.injected(FaultProxy.Fault.SERVER_ERROR) + proxy.injected(FaultProxy.Fault.RESET);
        assertThat(faults).as("faults were injected").isPositive();
        System.out.printf("faults injected: %d throttled, %d failed, %d cut; shopper attempts: %d%n", proxy.injected(FaultProxy.Fault.THROTTLE),
                proxy.injected(FaultProxy.Fault.SERVER_ERROR), proxy.injected(FaultProxy.Fault.RESET), ATTEMPTS.get());

        List<Outcome> outcomes = shoppers.stream().map(CompletableFuture::join).toList();
        List<Outcome> placed = outcomes.stream().filter(o -> o.answer().status() == 201).toList();
        assertThat(outcomes).as("every shopper ends with an order or out of stock")
                .allSatisfy(o -> assertThat(o.answer().status()).as(o.answer().toString()).isIn(201, 409));
        outcomes.stream().filter(o -> o.answer().status() == 409)
                .forEach(o -> assertThat(o.answer().json().path("code").asText()).as(o.answer().toString()).isEqualTo("OUT_OF_STOCK"));
        assertThat(placed).as("exactly as many orders as units").hasSize(UNITS);
        assertThat(Shop.stock(sku)).as("no unit left over or lost").isZero();
        assertThat(placed.stream().map(o -> o.answer().json().path("orderId").asText()).distinct()).hasSize(UNITS);
        for (Outcome order : placed) {
            String orderId = order.answer().json().path("orderId").asText();
            // A resumed checkout asks again with the order's one key: the processor answers it once (one charge).
            assertThat(Shop.processorCalls("order:" + orderId + ":authorize")).as("asked for " + orderId).isPositive();
            assertThat(Shop.authorizedAmount("order:" + orderId + ":authorize")).as("one authorization of the total for " + orderId)
                    .isEqualTo(order.answer().json().at("/total/amount").asLong());
            HttpResult replay = shop.checkout(cartOf(order), null, order.key(), "tok_visa");
            assertThat(replay.json().path("orderId").asText()).as("the key answers its order again").isEqualTo(orderId);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger ATTEMPTS = new java.util.concurrent.atomic.AtomicInteger();
    private static final Map<String, String> CART_OF_KEY = new java.util.concurrent.ConcurrentHashMap<>();

    private static String cartOf(Outcome outcome) {
        return CART_OF_KEY.get(outcome.key());
    }

    /** One shopper: the same key until a final answer (201, 402, or 409 other than a key in flight). */
    private static Outcome shopper(String cartId) {
        String key = UUID.randomUUID().toString();
        CART_OF_KEY.put(key, cartId);
        AtomicReference<HttpResult> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(55)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() -> {
            ATTEMPTS.incrementAndGet();
            HttpResult answer = faulty.http(HttpCall.post("/carts/" + cartId + "/checkout").header("Idempotency-Key", key).json(Shop.body("tok_visa")));
            last.set(answer);
            boolean retry = answer.status() == 503 || answer.status() == 409 && "IDEMPOTENCY_IN_FLIGHT".equals(answer.json().path("code").asText());
            assertThat(answer.status()).as("never a 500: " + answer).isNotEqualTo(500);
            return !retry;
        });
        return new Outcome(key, last.get());
    }
}
