package dev.storefront.catalog;

import dev.storefront.samlocal.FaultProxy;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB throttling, failing or cutting connections, through a fault proxy in front of DynamoDB
 * Local: after the SDK's retries (two attempts here, to keep the test short) a shopper gets 503
 * SERVICE_BUSY with Retry-After, never a 500; healed, the same request answers again.
 */
class ServiceBusyTest {

    static FaultProxy proxy;
    static FunctionHarness catalog;

    @BeforeAll
    static void start() throws Exception {
        proxy = FaultProxy.inFrontOf(TestStack.shared().emulators().dynamoEndpoint(), 42);
        catalog = FunctionHarness.start("CatalogFunction", Map.of(
                "STOREFRONT_AWS_ENDPOINTS_DYNAMODB", proxy.endpoint().toString(),
                "STOREFRONT_AWS_MAX_ATTEMPTS", "2"));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @AfterEach
    void heal() {
        proxy.heal();
    }

    @Test
    void throttling_errors_and_cut_connections_are_503_service_busy_with_retry_after_never_500() {
        for (FaultProxy.Fault fault : new FaultProxy.Fault[] {FaultProxy.Fault.THROTTLE, FaultProxy.Fault.LIMIT_EXCEEDED,
                FaultProxy.Fault.SERVER_ERROR, FaultProxy.Fault.RESET}) {
            long before = proxy.injected(fault);
            proxy.inject("*", fault, 1.0);

            HttpResult answer = catalog.http(HttpCall.get("/products/nothing-here"));

            assertThat(answer.status()).as(fault + ": " + answer).isEqualTo(503);
            assertThat(answer.json().path("code").asText()).isEqualTo("SERVICE_BUSY");
            assertThat(answer.header("retry-after")).isEqualTo("1");
            assertThat(proxy.injected(fault) - before).as("both attempts met the fault").isEqualTo(2);
            proxy.heal();
        }
        assertThat(catalog.http(HttpCall.get("/products/nothing-here")).status()).as("healed").isEqualTo(404);
    }

    @Test
    void a_fault_on_some_calls_is_absorbed_by_the_sdk_retry() {
        proxy.inject("GetItem", FaultProxy.Fault.THROTTLE, 0.3);
        int answered = 0;
        for (int i = 0; i < 10; i++) {
            int status = catalog.http(HttpCall.get("/products/nothing-here")).status();
            assertThat(status).isIn(404, 503);
            answered += status == 404 ? 1 : 0;
        }
        assertThat(proxy.injected(FaultProxy.Fault.THROTTLE)).isPositive();
        assertThat(answered).as("most calls get through on the second attempt").isGreaterThanOrEqualTo(7);
    }
}
