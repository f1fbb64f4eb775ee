package dev.storefront.analytics;

import dev.storefront.domain.Caller;
import dev.storefront.http.RequestLog;
import dev.storefront.samlocal.ExtensionsApi;
import dev.storefront.testsupport.TestStack;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
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
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funnel events' send after the response: the extension against an emulated Extensions API
 * (Lambda's side: hand out the invocation, then freeze once every extension asks for its next
 * event) and a real queue in ElasticMQ whose SendMessageBatch the test can hold. Holding it shows
 * what a slow SQS does: the request ends without waiting, and the instance is not let go (frozen)
 * until the event is on the queue.
 */
class FunnelEventsExtensionTest {

    static final JsonMapper JSON = JsonMapper.createDefault();
    static final Duration AT_MOST = Duration.ofSeconds(10);
    static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:CatalogFunction";

    ExtensionsApi lambda;
    String queue;
    SqsClient sqs;
    /** SendMessageBatch calls wait on this while it is closed. */
    volatile CountDownLatch sendGate = new CountDownLatch(0);
    SqsFunnelEvents events;
    final List<FunnelEventsExtension> extensions = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        lambda = new ExtensionsApi();
        sqs = SqsClient.builder()
                .endpointOverride(TestStack.shared().emulators().sqsEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof SendMessageBatchRequest) {
                            try {
                                sendGate.await(AT_MOST.toSeconds(), TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                }))
                .build();
        queue = sqs.createQueue(r -> r.queueName("funnel-extension-" + UUID.randomUUID())).queueUrl();
        events = new SqsFunnelEvents(() -> sqs, JSON, Clock.systemUTC(), queue, 100);
    }

    @AfterEach
    void stop() {
        extensions.forEach(FunnelEventsExtension::close);
        sendGate.countDown();
        events.close();
        lambda.close();
        MDC.clear();
    }

    @Test
    void the_request_ends_without_waiting_for_sqs_and_the_instance_is_frozen_only_once_its_event_is_on_the_queue() {
        FunnelEventsExtension extension = extension(lambda.address());
        assertThat(extension.active()).isTrue();
        assertThat(lambda.registered()).containsExactly(FunnelEventsExtension.NAME);
        assertThat(lambda.awaitIdle(AT_MOST)).as("init ends: the extension asked for its first event").isTrue();
        FunnelRequestFilter filter = new FunnelRequestFilter(events, 50, Optional.of(extension));

        sendGate = new CountDownLatch(1);  // SQS answers only when the test says so
        String invocation = UUID.randomUUID().toString();
        lambda.invoke(invocation, System.currentTimeMillis() + 30_000, ARN);
        serve(filter, invocation, "trail-runner");

        assertThat(events.counts().waitsExpired()).as("the request did not wait for the send").isZero();
        assertThat(events.counts().sent()).isZero();
        assertThat(lambda.idle()).as("the extension holds the instance while its event is unsent").isFalse();

        sendGate.countDown();
        assertThat(lambda.awaitIdle(AT_MOST)).isTrue();
        // The moment Lambda freezes the instance: the event is on the queue already, nothing is in flight.
        assertThat(receive()).singleElement().satisfies(m -> assertThat(m.body()).contains("\"type\":\"product.viewed\"", "trail-runner"));
        assertThat(events.counts().sent()).isEqualTo(1);
    }

    @Test
    void a_request_that_ends_before_the_extension_sees_its_invocation_still_lets_the_instance_go() {
        FunnelEventsExtension extension = extension(lambda.address());
        assertThat(lambda.awaitIdle(AT_MOST)).isTrue();
        FunnelRequestFilter filter = new FunnelRequestFilter(events, 50, Optional.of(extension));

        String invocation = UUID.randomUUID().toString();
        serve(filter, invocation, "rain-shell");  // the runtime was quicker than the extension's thread
        lambda.invoke(invocation, System.currentTimeMillis() + 30_000, ARN);

        assertThat(lambda.awaitIdle(AT_MOST)).isTrue();
        assertThat(receive()).singleElement().satisfies(m -> assertThat(m.body()).contains("rain-shell"));
    }

    @Test
    void a_request_ending_outside_an_invocation_does_not_let_another_invocation_go_early() {
        FunnelEventsExtension extension = extension(lambda.address());
        assertThat(lambda.awaitIdle(AT_MOST)).isTrue();
        FunnelRequestFilter filter = new FunnelRequestFilter(events, 50, Optional.of(extension));

        serve(filter, "priming-" + UUID.randomUUID(), "headlamp");  // SnapStart's priming request, before any invocation
        String invocation = UUID.randomUUID().toString();
        lambda.invoke(invocation, System.currentTimeMillis() + 30_000, ARN);
        assertThat(lambda.awaitIdle(Duration.ofMillis(300))).as("held: its own request has not ended").isFalse();

        serve(filter, invocation, "camp-mug");
        assertThat(lambda.awaitIdle(AT_MOST)).isTrue();
        assertThat(receive()).extracting(Message::body).anySatisfy(body -> assertThat(body).contains("camp-mug"));
    }

    @Test
    void an_invocation_whose_request_never_reaches_the_filter_is_let_go_at_its_deadline() {
        extension(lambda.address());
        assertThat(lambda.awaitIdle(AT_MOST)).isTrue();

        lambda.invoke(UUID.randomUUID().toString(), System.currentTimeMillis() + 300, ARN);

        assertThat(lambda.awaitIdle(AT_MOST)).as("not held past the invocation's deadline").isTrue();
    }

    @Test
    void without_an_extensions_api_the_request_waits_for_its_events_as_before() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FunnelEventsExtension extension = extension("127.0.0.1:" + closedPort);
        assertThat(extension.active()).isFalse();
        FunnelRequestFilter filter = new FunnelRequestFilter(events, 50, Optional.of(extension));

        sendGate = new CountDownLatch(1);
        serve(filter, UUID.randomUUID().toString(), "trail-mix");

        assertThat(events.counts().waitsExpired()).as("the bounded wait ran, and ran out").isEqualTo(1);
        sendGate.countDown();
    }

    private FunnelEventsExtension extension(String runtimeApi) {
        FunnelEventsExtension extension = new FunnelEventsExtension(events, JSON, runtimeApi, 5_000);
        extensions.add(extension);
        return extension;
    }

    /** What a request of the HTTP function does: Micronaut notes the invocation, the route records, the filter ends. */
    private void serve(FunnelRequestFilter filter, String lambdaRequestId, String productId) {
        MDC.put(RequestLog.LAMBDA_REQUEST_ID, lambdaRequestId);
        try {
            filter.invocationStarted();
            events.productViewed(Caller.ANONYMOUS, productId);
            filter.end();
        } finally {
            MDC.remove(RequestLog.LAMBDA_REQUEST_ID);
        }
    }

    private List<Message> receive() {
        return sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
    }
}
