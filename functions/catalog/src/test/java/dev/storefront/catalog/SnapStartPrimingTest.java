package dev.storefront.catalog;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.storefront.aws.SnapStartPriming;
import dev.storefront.http.HttpPriming;
import dev.storefront.samlocal.Emulators;
import dev.storefront.samlocal.LambdaEnvironment;
import dev.storefront.testsupport.TestStack;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SnapStart priming hooks the function registers: one harmless read and a JSON round trip, and
 * one request through its own handler; never a failure, and the function serves on afterwards.
 */
class SnapStartPrimingTest {

    @Test
    void priming_reads_the_first_readable_table_once_and_is_created_with_the_function() {
        Map<String, Object> properties = catalogProperties();

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            SnapStartPriming priming = context.getBean(SnapStartPriming.class);

            assertThat(priming.prime()).as("DynamoDB calls").isEqualTo(1);
        }
    }

    @Test
    void the_http_priming_request_goes_through_the_handler_as_a_404_and_leaves_the_function_serving() {
        Map<String, Object> properties = catalogProperties();

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(HttpPriming.class).prime()).as("the priming request's status").isEqualTo(404);

            APIGatewayV2HTTPEvent categories = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("GET /categories")
                    .withRawPath("/categories").withRawQueryString("").withHeaders(Map.of("host", "localhost"))
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("after-priming")
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/categories")
                                    .withSourceIp("127.0.0.1").build()).build())
                    .build();
            assertThat(new APIGatewayV2HTTPEventFunction(context).handleRequest(categories, null).getStatusCode())
                    .as("a real request after the priming").isEqualTo(200);
        }
    }

    @Test
    void a_table_the_function_cannot_read_is_skipped_not_fatal() {
        Map<String, Object> properties = new java.util.HashMap<>(catalogProperties());
        properties.put("storefront.tables.products", "no-such-table");
        properties.put("storefront.tables.orders", TestStack.shared().resources().tableName("OrdersTable"));

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(SnapStartPriming.class).prime()).as("DynamoDB calls").isEqualTo(2);
        }
    }

    /** The catalog function's configuration as Lambda would give it, against the shared emulators. */
    private static Map<String, Object> catalogProperties() {
        TestStack stack = TestStack.shared();
        Emulators emulators = stack.emulators();
        LambdaEnvironment.useLocalCredentials();
        return Map.copyOf(LambdaEnvironment.asProperties(LambdaEnvironment.of(stack.template().function("CatalogFunction"),
                stack.resources(), emulators.dynamoEndpoint(), emulators.sqsEndpoint(), emulators.region())));
    }
}
