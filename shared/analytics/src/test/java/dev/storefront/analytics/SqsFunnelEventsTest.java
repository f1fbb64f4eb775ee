package dev.storefront.analytics;

import dev.storefront.domain.Caller;
import dev.storefront.domain.ProblemCode;
import dev.storefront.testsupport.EventSchemas;
import dev.storefront.testsupport.TestStack;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SQS publisher against a real queue in ElasticMQ, and against an SQS that takes connections
 * and never answers (a black hole: the worst case for a shopper's request).
 */
class SqsFunnelEventsTest {

    static final JsonMapper JSON = JsonMapper.createDefault();
    static final Caller ADA = new Caller("ada", Set.of());
    static final String CART = "9b2f4c1e7a3d4e5f8a6b0c2d1e3f4a5b";
    static final List<Integer> BATCH_SIZES = new CopyOnWriteArrayList<>();
    static SqsClient sqs;
    static ServerSocket blackHole;
    static SqsClient unanswered;

    @BeforeAll
    static void start() throws IOException {
        URI endpoint = TestStack.shared().emulators().sqsEndpoint();
        sqs = client(endpoint, new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendMessageBatchRequest batch) {
                    BATCH_SIZES.add(batch.entries().size());
                }
            }
        });
        blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        unanswered = client(URI.create("http://127.0.0.1:" + blackHole.getLocalPort()), null);
    }

    @AfterAll
    static void stop() throws IOException {
        blackHole.close();
    }

    @Test
    void recorded_events_reach_the_queue_in_batches_of_at_most_ten_as_valid_envelopes_of_the_shopper() {
        String queue = newQueue();
        SqsFunnelEvents events = new SqsFunnelEvents(() -> sqs, JSON, Clock.systemUTC(), queue, 1000);
        BATCH_SIZES.clear();

        CurrentVisitor.set("visitor-1");
        events.productViewed(Caller.ANONYMOUS, "trail-runner");
        events.cartCreated(Caller.ANONYMOUS, CART);
        for (int i = 0; i < 20; i++) {
            events.cartLineAdded(ADA, CART, "SKU-" + i, "trail-runner", i + 1);
        }
        events.cartLineRemoved(ADA, CART, "SKU-3", 2);
        events.checkoutStarted(ADA, CART, 19);
        events.checkoutFailed(ADA, CART, ProblemCode.OUT_OF_STOCK);
        CurrentVisitor.clear();

        assertThat(events.awaitSent(Duration.ofSeconds(10))).isTrue();
        List<Message> received = receiveAll(queue);
        assertThat(received).hasSize(25);
        assertThat(BATCH_SIZES).allSatisfy(size -> assertThat(size).isBetween(1, 10));
        assertThat(BATCH_SIZES.stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
        assertThat(events.counts()).isEqualTo(new FunnelCounts(25, 25, 0, 0, 0, 0));
        for (Message message : received) {
            EventSchemas.assertValid(message.body());
            assertThat(message.body()).contains("\"visitorId\":\"visitor-1\"").doesNotContain("orderId");
            assertThat(message.messageAttributes().get("type").stringValue()).isNotBlank();
        }
        assertThat(received).filteredOn(m -> m.body().contains("\"product.viewed\"")).singleElement()
                .satisfies(m -> assertThat(m.body()).doesNotContain("customerId").doesNotContain("cartId").contains("\"productId\":\"trail-runner\""));
        assertThat(received).filteredOn(m -> m.body().contains("\"checkout.failed\"")).singleElement()
                .satisfies(m -> assertThat(m.body()).contains("\"customerId\":\"ada\"").contains("\"cartId\":\"" + CART + "\"")
                        .contains("\"reason\":\"OUT_OF_STOCK\""));
    }

    @Test
    void an_event_carries_the_requests_validated_channel_and_campaign_never_the_raw_header() {
        String queue = newQueue();
        SqsFunnelEvents events = new SqsFunnelEvents(() -> sqs, JSON, Clock.systemUTC(), queue, 1000);

        CurrentVisitor.setTraffic(dev.storefront.domain.insights.TrafficSource.channel("Mobile"),
                dev.storefront.domain.insights.TrafficSource.campaign("newsletter/email/Spring-Sale"));
        events.productViewed(ADA, "trail-runner");
        CurrentVisitor.setTraffic(dev.storefront.domain.insights.TrafficSource.channel("fax"),
                dev.storefront.domain.insights.TrafficSource.campaign("a/b/evil\u0000id"));
        events.productViewed(ADA, "trail-runner");
        CurrentVisitor.clear();

        assertThat(events.awaitSent(Duration.ofSeconds(10))).isTrue();
        List<String> bodies = receiveAll(queue).stream().map(Message::body).toList();
        bodies.forEach(EventSchemas::assertValid);
        assertThat(bodies).anySatisfy(b -> assertThat(b).contains("\"channel\":\"mobile\"").contains("\"campaign\":\"spring-sale\""));
        assertThat(bodies).anySatisfy(b -> assertThat(b).contains("\"channel\":\"other\"").contains("\"campaign\":\"other\"").doesNotContain("evil"));
    }

    @Test
    void an_event_recorded_outside_a_request_has_no_visitor() {
        String queue = newQueue();
        SqsFunnelEvents events = new SqsFunnelEvents(() -> sqs, JSON, Clock.systemUTC(), queue, 1000);

        events.cartCreated(ADA, CART);

        assertThat(events.awaitSent(Duration.ofSeconds(10))).isTrue();
        assertThat(receiveAll(queue)).singleElement().satisfies(m -> {
            EventSchemas.assertValid(m.body());
            assertThat(m.body()).doesNotContain("visitorId").doesNotContain("channel").contains("\"customerId\":\"ada\"");
        });
    }

    @Test
    void events_for_a_queue_that_does_not_exist_are_counted_as_failed_and_nothing_is_thrown() {
        String missing = TestStack.shared().emulators().sqsEndpoint() + "/000000000000/no-such-analytics-queue";
        SqsFunnelEvents events = new SqsFunnelEvents(() -> sqs, JSON, Clock.systemUTC(), missing, 1000);

        events.productViewed(ADA, "trail-runner");
        events.cartCreated(ADA, CART);
        events.checkoutStarted(ADA, CART, 1);

        assertThat(events.awaitSent(Duration.ofSeconds(10))).as("failures settle too").isTrue();
        assertThat(events.counts()).isEqualTo(new FunnelCounts(3, 0, 3, 0, 0, 0));
    }

    @Test
    void an_sqs_that_never_answers_holds_a_request_no_longer_than_its_wait_and_the_events_fail_later() {
        SqsFunnelEvents events = new SqsFunnelEvents(() -> unanswered, JSON, Clock.systemUTC(), "http://127.0.0.1:" + blackHole.getLocalPort() + "/000000000000/analytics", 1000);

        long started = System.nanoTime();
        events.productViewed(ADA, "trail-runner");
        long recordedMicros = (System.nanoTime() - started) / 1000;
        boolean settled = events.awaitSent(Duration.ofMillis(50));
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(settled).isFalse();
        assertThat(recordedMicros).as("recording does not wait on SQS").isLessThan(50_000);
        assertThat(waitedMillis).as("bounded by the wait, not by SQS's timeouts").isBetween(49L, 1_000L);
        assertThat(events.counts().waitsExpired()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.counts().failed()).isEqualTo(1));
    }

    @Test
    void when_the_buffer_is_full_new_events_are_dropped_and_counted() {
        SqsFunnelEvents events = new SqsFunnelEvents(() -> unanswered, JSON, Clock.systemUTC(), "http://127.0.0.1:" + blackHole.getLocalPort() + "/000000000000/analytics", 2);

        for (int i = 0; i < 30; i++) {
            events.productViewed(ADA, "p-" + i);
        }

        // At most one batch (10) is with the sender, stuck on the unanswering SQS, and 2 wait in the buffer.
        FunnelCounts counts = events.counts();
        assertThat(counts.dropped()).isGreaterThanOrEqualTo(30 - EventSender.MAX_BATCH - 2);
        assertThat(counts.accepted() + counts.dropped()).isEqualTo(30);
    }

    @Test
    void without_a_queue_url_events_are_not_sent_only_counted() {
        SqsFunnelEvents events = new SqsFunnelEvents(() -> {
            throw new AssertionError("no SQS client is needed without a queue");
        }, JSON, Clock.systemUTC(), null, 1000);

        events.productViewed(ADA, "trail-runner");
        events.cartCreated(ADA, CART);

        assertThat(events.awaitSent(Duration.ofMillis(50))).isTrue();
        assertThat(events.counts()).isEqualTo(new FunnelCounts(0, 0, 0, 0, 2, 0));
    }

    static String newQueue() {
        return sqs.createQueue(r -> r.queueName("funnel-" + UUID.randomUUID())).queueUrl();
    }

    static List<Message> receiveAll(String queue) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())));
        }
    }

    private static SqsClient client(URI endpoint, ExecutionInterceptor interceptor) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(1)).connectionTimeout(Duration.ofSeconds(1)).build())
                .overrideConfiguration(c -> {
                    c.apiCallTimeout(Duration.ofSeconds(3));
                    if (interceptor != null) {
                        c.addExecutionInterceptor(interceptor);
                    }
                })
                .build();
    }
}
