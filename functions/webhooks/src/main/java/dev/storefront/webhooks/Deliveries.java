package dev.storefront.webhooks;

import dev.storefront.domain.webhook.RetrySchedule;
import dev.storefront.domain.webhook.WebhookSignature;
import dev.storefront.domain.webhook.WebhookTarget;
import dev.storefront.eventcontract.Envelope;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Outbound webhooks, end to end: an order event becomes one job per webhook that wants it; a job
 * is one signed POST ({@code Storefront-Signature}, the payment webhook's scheme), logged with its
 * outcome, status code and latency. A failure is tried again by a new job delayed on SQS (no Lambda
 * waits), with exponential backoff for 24 hours ({@link RetrySchedule}); 50 failures in a row
 * disable the webhook. An event that arrived once is not POSTed again to the same webhook.
 */
@Singleton
class Deliveries {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    static final Duration RECEIVER_TIMEOUT = Duration.ofSeconds(10);
    /** SQS's longest message delay; a longer wait is sent on in steps (DeliveryJob.notBefore). */
    static final Duration LONGEST_DELAY = Duration.ofMinutes(15);

    private final WebhookStore store;
    private final WebhookTargets targets;
    private final SqsClient sqs;
    private final String queueUrl;
    private final JsonMapper json;
    private final Clock clock;
    private final RetrySchedule schedule;
    // Redirects are not followed: one to a private address would pass round the guard.
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Deliveries(WebhookStore store, WebhookTargets targets, SqsClient sqs, WebhookConfig.Queues queues, JsonMapper json, Clock clock,
               WebhookConfig.Settings settings) {
        this.store = store;
        this.targets = targets;
        this.sqs = sqs;
        this.queueUrl = queues.deliveries();
        this.json = json;
        this.clock = clock;
        this.schedule = new RetrySchedule(settings.backoffBase());
    }

    void fanOut(Envelope event) {
        String body = write(event);
        Instant now = clock.instant();
        for (Subscription webhook : store.active()) {
            if (webhook.wants(event.type()) && !store.queued(webhook.webhookId(), event.eventId())) {
                send(new DeliveryJob(webhook.webhookId(), event.eventId(), event.type(), 1, now.toString(), null, body), Duration.ZERO);
                store.noteQueued(webhook.webhookId(), event.eventId(), now);
            }
        }
    }

    void deliver(DeliveryJob job) {
        if (job.webhookId() == null || job.eventId() == null || job.event() == null || job.firstAttemptAt() == null || job.attempt() < 1) {
            throw new IllegalArgumentException("not a delivery job");
        }
        Instant now = clock.instant();
        if (job.notBefore() != null && Instant.parse(job.notBefore()).isAfter(now)) {
            send(job, Duration.between(now, Instant.parse(job.notBefore())));
            return;
        }
        Optional<Subscription> found = store.find(job.webhookId()).filter(Subscription::active);
        if (found.isEmpty()) {
            LOG.info("Webhook {} is gone or disabled: event {} not delivered", job.webhookId(), job.eventId());
            return;
        }
        if (store.delivered(job.webhookId(), job.eventId())) {
            LOG.info("Event {} already reached webhook {}: a duplicate job, dropped", job.eventId(), job.webhookId());
            return;
        }
        Subscription webhook = found.get();
        long started = System.nanoTime();
        Attempted attempted = post(webhook, job);
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        Instant at = clock.instant();
        if (attempted.outcome() == DeliveryAttempt.Outcome.SUCCEEDED) {
            store.log(new DeliveryAttempt(webhook.webhookId(), job.eventId(), job.type(), job.attempt(), at, attempted.outcome(),
                    attempted.status(), latencyMs, null, null));
            store.succeeded(webhook.webhookId(), job.eventId(), at);
            LOG.info("Event {} delivered to webhook {} (attempt {}, {} ms)", job.eventId(), webhook.webhookId(), job.attempt(), latencyMs);
            return;
        }
        long failures = store.failed(webhook.webhookId());
        boolean disables = RetrySchedule.disables(failures);
        Optional<Instant> next = disables ? Optional.empty() : schedule.next(job.attempt(), Instant.parse(job.firstAttemptAt()), at);
        store.log(new DeliveryAttempt(webhook.webhookId(), job.eventId(), job.type(), job.attempt(), at, attempted.outcome(),
                attempted.status(), latencyMs, attempted.error(), next.orElse(null)));
        if (disables) {
            store.disable(webhook.webhookId(), failures + " deliveries failed in a row");
            LOG.warn("Webhook {} disabled after {} failed deliveries in a row", webhook.webhookId(), failures);
        } else if (next.isEmpty()) {
            LOG.warn("Event {} to webhook {}: given up after 24 h ({} attempts)", job.eventId(), webhook.webhookId(), job.attempt());
        } else {
            LOG.info("Event {} to webhook {} failed ({}); attempt {} at {}", job.eventId(), webhook.webhookId(), attempted.error(),
                    job.attempt() + 1, next.get());
            send(job.next(next.get().toString()), Duration.between(at, next.get()));
        }
    }

    private record Attempted(DeliveryAttempt.Outcome outcome, Integer status, String error) {
    }

    private Attempted post(Subscription webhook, DeliveryJob job) {
        URI target;
        try {
            target = targets.check(webhook.url());
        } catch (WebhookTarget.Refused refused) {
            return new Attempted(DeliveryAttempt.Outcome.REFUSED, null, refused.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(target).timeout(RECEIVER_TIMEOUT)
                .header("content-type", "application/json")
                .header("user-agent", "storefront-webhooks/1")
                .header("Storefront-Signature", WebhookSignature.header(webhook.secret(), clock.instant(), job.event()))
                .header("Storefront-Event-Id", job.eventId())
                .header("Storefront-Event-Type", job.type())
                .header("Storefront-Delivery-Attempt", Integer.toString(job.attempt()))
                .POST(HttpRequest.BodyPublishers.ofString(job.event())).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? new Attempted(DeliveryAttempt.Outcome.SUCCEEDED, status, null)
                    : new Attempted(DeliveryAttempt.Outcome.FAILED, status, "HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Attempted(DeliveryAttempt.Outcome.FAILED, null, "no answer within " + RECEIVER_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return new Attempted(DeliveryAttempt.Outcome.FAILED, null, "no connection (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempted(DeliveryAttempt.Outcome.FAILED, null, "interrupted");
        }
    }

    /** Sends the job with a delay of up to 15 minutes (rounded up to whole seconds). */
    private void send(DeliveryJob job, Duration delay) {
        long seconds = Math.min(LONGEST_DELAY.toSeconds(), Math.max(0, (delay.toMillis() + 999) / 1000));
        String body = write(job);
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).delaySeconds((int) seconds));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
