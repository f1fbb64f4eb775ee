package dev.storefront.analytics;

import dev.storefront.aws.EventMessages;
import dev.storefront.eventcontract.Envelope;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One daemon thread that takes envelopes from a bounded buffer and sends them to a queue in
 * SendMessageBatch calls of up to 10, so the thread that recorded an event never waits on SQS.
 * A full buffer drops the event (counted): better a gap in analytics than a shopper held up.
 * {@link #awaitSettled(Duration)} lets a request wait, boundedly, until what it recorded has been sent.
 */
final class EventSender {

    static final int MAX_BATCH = 10;

    private static final Logger LOG = LoggerFactory.getLogger(EventSender.class);

    private final Supplier<SqsClient> sqs;
    private final JsonMapper json;
    private final String queueUrl;
    private final BlockingQueue<Envelope> buffer;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Object settledSignal = new Object();
    private Thread thread;

    /** @param sqs resolved on the sender thread at the first send, so a request never pays for building the client */
    EventSender(Supplier<SqsClient> sqs, JsonMapper json, String queueUrl, int capacity) {
        this.sqs = sqs;
        this.json = json;
        this.queueUrl = queueUrl;
        this.buffer = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues the envelope for sending; false when the buffer is full (the event is dropped and counted). */
    boolean offer(Envelope envelope) {
        startOnce();
        if (!buffer.offer(envelope)) {
            long total = dropped.incrementAndGet();
            if (total == 1 || total % 100 == 0) {
                LOG.warn("Analytics event buffer full ({} waiting): {} {} dropped, {} dropped in all", buffer.size(), envelope.type(), envelope.eventId(), total);
            }
            return false;
        }
        accepted.incrementAndGet();
        return true;
    }

    /**
     * Waits until every event accepted before this call has been sent or has failed, at most
     * {@code max}; true when they all settled.
     */
    boolean awaitSettled(Duration max) {
        long target = accepted.get();
        if (settled() >= target) {
            return true;
        }
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (settledSignal) {
            while (settled() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(settledSignal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    long accepted() {
        return accepted.get();
    }

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    long dropped() {
        return dropped.get();
    }

    private long settled() {
        return sent.get() + failed.get();
    }

    /** Stops the thread after a last bounded wait; events still buffered then are not sent. */
    synchronized void stop(Duration max) {
        if (thread != null) {
            awaitSettled(max);
            thread.interrupt();
            thread = null;
        }
    }

    private synchronized void startOnce() {
        if (thread == null) {
            thread = new Thread(this::run, "analytics-events-sender");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        List<Envelope> batch = new ArrayList<>(MAX_BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(buffer.take());
            } catch (InterruptedException e) {
                return;
            }
            buffer.drainTo(batch, MAX_BATCH - 1);
            try {
                send(batch);
            } finally {
                batch.clear();
                synchronized (settledSignal) {
                    settledSignal.notifyAll();
                }
            }
        }
    }

    /**
     * Every event of the batch ends as sent or failed. A whole call that fails (SQS unreachable,
     * the queue unknown, throttled past the SDK's retries) fails its events; nothing else can fail
     * the thread, which would leave every later request waiting out its bound.
     */
    private void send(List<Envelope> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Envelope event = batch.get(i);
            try {
                entries.add(EventMessages.batchEntry(Integer.toString(i), json.writeValueAsString(event), event.type(), event.eventId()));
            } catch (IOException | RuntimeException e) {
                failed(1, "cannot write " + event.type() + " " + event.eventId() + ": " + e);
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        try {
            SendMessageBatchResponse response = sqs.get().sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            sent.addAndGet(response.successful().size());
            if (response.hasFailed() && !response.failed().isEmpty()) {
                failed(response.failed().size(), "SQS refused entries: " + response.failed().get(0).code() + " " + response.failed().get(0).message());
            }
        } catch (RuntimeException e) {
            failed(entries.size(), e.toString());
        }
    }

    private void failed(int events, String why) {
        long total = failed.addAndGet(events);
        MDC.put("analyticsFailed", Integer.toString(events));
        MDC.put("analyticsFailedTotal", Long.toString(total));
        try {
            LOG.warn("{} analytics events not sent to {} ({} failed in all): {}", events, queueUrl, total, why);
        } finally {
            MDC.remove("analyticsFailed");
            MDC.remove("analyticsFailedTotal");
        }
    }
}
