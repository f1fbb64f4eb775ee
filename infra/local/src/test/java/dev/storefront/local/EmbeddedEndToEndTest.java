package dev.storefront.local;

import org.junit.jupiter.api.Nested;

/**
 * The storefront's scenarios over HTTP on the embedded emulators, what `make run` serves; one
 * runtime for all of them (tests use their own products, carts and orders).
 */
class EmbeddedEndToEndTest {

    @Nested
    class Catalog extends CatalogScenarios {
        @Override
        LocalRuntime runtime() {
            return SharedRuntime.get();
        }
    }

    @Nested
    class Carts extends CartScenarios {
        @Override
        LocalRuntime runtime() {
            return SharedRuntime.get();
        }
    }

    @Nested
    class Checkout extends CheckoutScenarios {
        @Override
        LocalRuntime runtime() {
            return SharedRuntime.get();
        }
    }

    @Nested
    class Fulfilment extends FulfilmentScenarios {
        @Override
        LocalRuntime runtime() {
            return SharedRuntime.get();
        }
    }

    @Nested
    class Insights extends InsightsScenarios {
        @Override
        LocalRuntime runtime() {
            return SharedRuntime.get();
        }
    }

    @Nested
    class Coupons extends CouponScenarios {
        @Override
        LocalRuntime runtime() {
            return SharedRuntime.get();
        }
    }
}
