package dev.storefront.local;

import dev.storefront.testsupport.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The cart scenarios on in-process DynamoDB Local and ElasticMQ: what `make run` serves. */
class EmbeddedCartEndToEndTest extends CartScenarios {

    static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.ephemeral(SamTemplate.findRepoRoot()));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Override
    LocalRuntime runtime() {
        return runtime;
    }
}
