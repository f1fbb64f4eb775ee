package dev.storefront.checkout;

import dev.storefront.domain.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;

/** Payments that confirm later: the processor's webhook and the shopper back from the bank. */
@Controller
class PaymentRoutes {

    private final PaymentWebhook webhook;
    private final PaymentConfirmation confirmation;
    private final Orders orders;

    PaymentRoutes(PaymentWebhook webhook, PaymentConfirmation confirmation, Orders orders) {
        this.webhook = webhook;
        this.confirmation = confirmation;
        this.orders = orders;
    }

    @Serdeable
    record Received(boolean received, String outcome) {
    }

    /** The raw body, as signed: it is verified before it is read. */
    @Post(uri = "/webhooks/payments", processes = "*/*")
    Received paymentEvent(@Nullable @Header("Payment-Signature") String signature, @Nullable @Body String body) {
        return new Received(true, webhook.receive(body, signature).name());
    }

    @Post("/orders/{orderId}/payment/confirm")
    OrderView confirm(String orderId, Caller caller) {
        return OrderView.of(confirmation.askProcessor(orders.visible(orderId, caller)));
    }
}
