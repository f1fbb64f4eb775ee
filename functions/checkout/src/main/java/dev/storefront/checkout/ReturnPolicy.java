package dev.storefront.checkout;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** How long after delivery a buyer may return goods: STOREFRONT_RETURNS_WINDOW_DAYS, the template's ReturnWindowDays (default 30). */
@ConfigurationProperties("storefront.returns")
record ReturnPolicy(@Bindable(defaultValue = "30") int windowDays) {

    Duration window() {
        return Duration.ofDays(windowDays);
    }
}
