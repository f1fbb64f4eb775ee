package dev.storefront.payments;

import dev.storefront.domain.webhook.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The shopper's bank in the sandbox, for the local runtime's issuer page: decides a payment that
 * waits for 3-D Secure, once, and then behaves like a real provider's webhooks: the signed event is
 * sent later (not within the page's answer), twice (a provider may deliver an event more than
 * once), and again with backoff while the shop does not answer 2xx. Not a bean: only the local
 * runtime makes one, never a function.
 */
public final class SandboxIssuer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxIssuer.class);
    /** When the event is first sent, and its duplicate after that. */
    static final Duration FIRST_DELIVERY = Duration.ofMillis(300);
    static final Duration DUPLICATE_DELIVERY = Duration.ofMillis(1500);
    private static final int ATTEMPTS = 6;

    private final SandboxLedger ledger;
    private final String secret;
    private final URI webhookUrl;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService deliveries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-webhooks");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param ledgerTable the SandboxPayments table
     * @param webhookUrl  the shop's POST /webhooks/payments; null sends nothing (a test delivers {@link Decision#event} itself)
     */
    public SandboxIssuer(DynamoDbClient dynamo, String ledgerTable, String secret, URI webhookUrl, Clock clock) {
        this.ledger = new SandboxLedger(dynamo, ledgerTable, clock);
        this.secret = secret;
        this.webhookUrl = webhookUrl;
        this.clock = clock;
    }

    /** What the issuer page shows and answers for a payment; {@code event} is the webhook body when this call decided it. */
    public record Decision(String paymentId, String orderId, String status, boolean decidedNow, String event) {
    }

    /** The payment as it stands; empty for a payment the sandbox does not know. */
    public Optional<Decision> find(String paymentId) {
        return ledger.payment(paymentId).map(p -> new Decision(paymentId, p.orderId(), p.state().name(), false, null));
    }

    /**
     * The shopper passed ({@code succeed}) or failed the bank's check. Decided once: a second
     * completion answers the first decision and sends nothing. Empty for an unknown payment.
     */
    public Optional<Decision> complete(String paymentId, boolean succeed) {
        boolean decidedNow = ledger.decide(paymentId, succeed ? SandboxLedger.State.SUCCEEDED : SandboxLedger.State.FAILED);
        Optional<SandboxLedger.Payment> payment = ledger.payment(paymentId);
        if (payment.isEmpty()) {
            return Optional.empty();
        }
        String body = null;
        if (decidedNow) {
            // One event per decision, with an id derived from it: the duplicate carries the same id.
            String eventId = "evt_" + paymentId.substring(3) + "_" + payment.get().state().name().toLowerCase(java.util.Locale.ROOT);
            body = SandboxEvents.write(eventId, payment.get(), clock.instant().getEpochSecond());
            if (webhookUrl != null) {
                deliver(eventId, body, FIRST_DELIVERY, 1);
                deliver(eventId, body, FIRST_DELIVERY.plus(DUPLICATE_DELIVERY), 1);
            }
        }
        SandboxLedger.Payment p = payment.get();
        return Optional.of(new Decision(paymentId, p.orderId(), p.state().name(), decidedNow, body));
    }

    private void deliver(String eventId, String body, Duration after, int attempt) {
        deliveries.schedule(() -> {
            int status = send(body);
            if (status / 100 != 2 && attempt < ATTEMPTS) {
                LOG.warn("Payment webhook {} got {}; sending again (attempt {})", eventId, status, attempt + 1);
                deliver(eventId, body, Duration.ofSeconds(1L << attempt), attempt + 1);
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private int send(String body) {
        HttpRequest request = HttpRequest.newBuilder(webhookUrl).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .header("Payment-Signature", WebhookSignature.header(secret, clock.instant(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void close() {
        deliveries.shutdownNow();
    }
}
