package dev.storefront.local;

import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import static org.testcontainers.containers.localstack.LocalStackContainer.Service.DYNAMODB;
import static org.testcontainers.containers.localstack.LocalStackContainer.Service.SQS;

/**
 * The same scenarios with the tables, streams and queues in LocalStack (BACKEND=localstack). Needs
 * Docker; without it JUnit reports them as skipped ("Docker is not available").
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackEndToEndTest {

    static LocalStackContainer localstack;
    static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4")).withServices(DYNAMODB, SQS);
        localstack.start();
        runtime = LocalRuntime.start(LocalRuntime.Options.ephemeral(SamTemplate.findRepoRoot())
                .withLocalstack(localstack.getEndpoint()));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Nested
    class Catalog extends CatalogScenarios {
        @Override
        LocalRuntime runtime() {
            return runtime;
        }
    }

    @Nested
    class Carts extends CartScenarios {
        @Override
        LocalRuntime runtime() {
            return runtime;
        }
    }

    @Nested
    class Checkout extends CheckoutScenarios {
        @Override
        LocalRuntime runtime() {
            return runtime;
        }
    }

    @Nested
    class Fulfilment extends FulfilmentScenarios {
        @Override
        LocalRuntime runtime() {
            return runtime;
        }
    }
}
