package dev.storefront.checkout;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** How long an order may wait for payment before it expires (STOREFRONT_CHECKOUT_HOLD_MINUTES, the PaymentHoldMinutes parameter). */
@ConfigurationProperties("storefront.checkout.hold")
record PaymentHold(@Bindable(defaultValue = "15") long minutes) {

    Duration duration() {
        return Duration.ofMinutes(minutes);
    }
}
