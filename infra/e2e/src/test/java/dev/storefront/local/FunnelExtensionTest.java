package dev.storefront.local;

import dev.storefront.samlocal.ExtensionsApi;
import dev.storefront.samlocal.HttpApiEvents;
import dev.storefront.samlocal.IsolatedFunction;
import dev.storefront.samlocal.LambdaEnvironment;
import dev.storefront.samlocal.LambdaInvoker;
import dev.storefront.samlocal.SamFunction;
import dev.storefront.samlocal.SamTemplate;
import dev.storefront.samlocal.ScratchFolders;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog function from its jar as Lambda runs it now, with the Extensions API its funnel
 * events' extension registers with (the local runtime has none): the product page answers, and
 * by the time the instance is let go (Lambda would freeze it) its product.viewed is on the queue.
 */
class FunnelExtensionTest {

    final LocalRuntime runtime = SharedRuntime.get();

    @Test
    void the_catalog_registers_its_extension_and_the_product_pages_event_is_on_the_queue_when_the_instance_is_let_go() throws Exception {
        SamFunction catalog = SamTemplate.load(SamTemplate.findRepoRoot().resolve("template.yaml")).function("CatalogFunction");
        String queue = runtime.sqs().createQueue(r -> r.queueName("funnel-extension-" + UUID.randomUUID())).queueUrl();
        Map<String, String> environment = new LinkedHashMap<>(LambdaEnvironment.of(catalog, runtime.resources(),
                runtime.dynamoEndpoint(), runtime.sqsEndpoint(), "us-east-1"));
        environment.put("STOREFRONT_QUEUES_ANALYTICS_EVENTS", queue);
        try (ExtensionsApi lambda = new ExtensionsApi()) {
            environment.put("AWS_LAMBDA_RUNTIME_API", lambda.address());
            Path work = ScratchFolders.create("funnel-extension");
            try {
                LambdaInvoker function = IsolatedFunction.start(catalog, environment, work);
                try {
                    assertThat(lambda.registered()).as("registered during init").containsExactly("storefront-funnel-events");
                    assertThat(lambda.awaitIdle(Duration.ofSeconds(10))).as("init ended").isTrue();
                    for (int i = 0; i < 3; i++) {
                        String invocation = UUID.randomUUID().toString();
                        lambda.invoke(invocation, System.currentTimeMillis() + 10_000, "arn:aws:lambda:us-east-1:000000000000:function:CatalogFunction");
                        assertThat(function.invoke(productPage(), invocation)).contains("\"statusCode\":200");

                        assertThat(lambda.awaitIdle(Duration.ofSeconds(5))).as("let go well before the invocation's deadline").isTrue();
                        List<Message> onQueue = runtime.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
                        assertThat(onQueue).as("at the freeze, invocation " + i + "'s event is on the queue").singleElement()
                                .satisfies(m -> assertThat(m.body()).contains("\"type\":\"product.viewed\"", "\"productId\":\"trail-runner\""));
                        onQueue.forEach(m -> runtime.sqs().deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())));
                    }
                } finally {
                    function.close();  // before its Extensions API goes: its extension stops asking
                }
            } finally {
                ScratchFolders.delete(work);
            }
        }
    }

    private static String productPage() {
        HttpApiEvents.Request request = new HttpApiEvents.Request("GET", "/products/trail-runner", null,
                Map.of("host", List.of("api.storefront.test")), null, "198.51.100.10", Instant.now());
        return HttpApiEvents.event(request, "GET /products/{productId}", Map.of("productId", "trail-runner"), null, UUID.randomUUID().toString());
    }
}
