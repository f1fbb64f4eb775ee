package dev.storefront.local;

import org.junit.jupiter.api.Nested;

/**
 * The storefront's scenarios over HTTP, nested once for every backend a suite runs them on; a
 * suite only says which runtime. One runtime serves all of them: tests use their own products,
 * carts and orders.
 */
abstract class EndToEndSuite {

    abstract LocalRuntime runtime();

    @Nested
    class Catalog extends CatalogScenarios {
        @Override
        LocalRuntime runtime() {
            return EndToEndSuite.this.runtime();
        }
    }

    @Nested
    class Search extends SearchScenarios {
        @Override
        LocalRuntime runtime() {
            return EndToEndSuite.this.runtime();
        }
    }

    @Nested
    class Carts extends CartScenarios {
        @Override
        LocalRuntime runtime() {
            return EndToEndSuite.this.runtime();
        }
    }

    @Nested
    class Checkout extends CheckoutScenarios {
        @Override
        LocalRuntime runtime() {
            return EndToEndSuite.this.runtime();
        }
    }

    @Nested
    class Shipping extends ShippingScenarios {
        @Override
        LocalRuntime runtime() {
            return EndToEndSuite.this.runtime();
        }
    }

    @Nested
    class Fulfilment extends FulfilmentScenarios {
        @Override
        LocalRuntime runtime() {
            return EndToEndSuite.this.runtime();
        }
    }

    @Nested
    class Insights extends InsightsScenarios {
        @Override
        LocalRuntime runtime() {
            return EndToEndSuite.this.runtime();
        }
    }

    @Nested
    class Coupons extends CouponScenarios {
        @Override
        LocalRuntime runtime() {
            return EndToEndSuite.this.runtime();
        }
    }
}
