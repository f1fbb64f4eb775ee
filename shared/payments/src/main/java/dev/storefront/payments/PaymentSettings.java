package dev.storefront.payments;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The processor's settings: the secret its webhooks are signed with (STOREFRONT_PAYMENTS_WEBHOOK_SECRET,
 * from the NoEcho PaymentWebhookSecret parameter; unset, every webhook is refused) and where the
 * sandbox sends a shopper to confirm a 3-D Secure payment (STOREFRONT_PAYMENTS_ISSUER_URL).
 */
@ConfigurationProperties("storefront.payments")
record PaymentSettings(@Nullable String webhookSecret,
                       @Bindable(defaultValue = "http://localhost:3000/local/payments") String issuerUrl) {
}
