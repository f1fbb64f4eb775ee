package dev.storefront.catalog;

import dev.storefront.aws.SnapStartPriming;
import dev.storefront.samlocal.Emulators;
import dev.storefront.samlocal.LambdaEnvironment;
import dev.storefront.testsupport.TestStack;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SnapStart priming hook the function registers: one harmless read and a JSON round trip, never a failure. */
class SnapStartPrimingTest {

    @Test
    void priming_reads_the_first_readable_table_once_and_is_created_with_the_function() {
        TestStack stack = TestStack.shared();
        Emulators emulators = stack.emulators();
        Map<String, Object> properties = Map.copyOf(LambdaEnvironment.asProperties(LambdaEnvironment.of(stack.template().function("CatalogFunction"),
                stack.resources(), emulators.dynamoEndpoint(), emulators.sqsEndpoint(), emulators.region())));
        LambdaEnvironment.useLocalCredentials();

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            SnapStartPriming priming = context.getBean(SnapStartPriming.class);

            assertThat(priming.prime()).as("DynamoDB calls").isEqualTo(1);
        }
    }

    @Test
    void a_table_the_function_cannot_read_is_skipped_not_fatal() {
        TestStack stack = TestStack.shared();
        Emulators emulators = stack.emulators();
        Map<String, Object> properties = new java.util.HashMap<>(LambdaEnvironment.asProperties(LambdaEnvironment.of(stack.template().function("CatalogFunction"),
                stack.resources(), emulators.dynamoEndpoint(), emulators.sqsEndpoint(), emulators.region())));
        properties.put("storefront.tables.products", "no-such-table");
        properties.put("storefront.tables.orders", stack.resources().tableName("OrdersTable"));
        LambdaEnvironment.useLocalCredentials();

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(SnapStartPriming.class).prime()).as("DynamoDB calls").isEqualTo(2);
        }
    }
}
