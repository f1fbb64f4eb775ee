package dev.storefront.desk;

import dev.storefront.domain.order.Reconciliation;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The checkout's payment hold (STOREFRONT_CHECKOUT_HOLD_MINUTES, the PaymentHoldMinutes parameter
 * the checkout and its sweeper are given too): an order waiting for payment longer than that is stuck.
 */
@ConfigurationProperties("storefront.checkout.hold")
record ReconcilerLimits(@Bindable(defaultValue = "15") long minutes) {

    Reconciliation.Limits limits() {
        return Reconciliation.Limits.withHold(Duration.ofMinutes(minutes));
    }
}
