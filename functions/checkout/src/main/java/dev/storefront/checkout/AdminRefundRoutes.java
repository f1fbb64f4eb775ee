package dev.storefront.checkout;

import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.order.OrderRefund;
import dev.storefront.http.JsonBody;
import dev.storefront.http.JsonObject;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;

/** An admin's refund on an order: {@code {amount, reason}} with an Idempotency-Key (docs/openapi.yaml). */
@Controller
class AdminRefundRoutes {

    private final AdminRefunds refunds;

    AdminRefundRoutes(AdminRefunds refunds) {
        this.refunds = refunds;
    }

    @Post("/admin/orders/{orderId}/refunds")
    MutableHttpResponse<String> refund(String orderId, Caller caller, @Nullable @Header("Idempotency-Key") String key, @Nullable @Body String body) {
        caller.requireAdmin();
        String idempotencyKey = CheckoutRoutes.requireIdempotencyKey(key);
        JsonObject json = JsonBody.parse(body).allowOnly("amount", "reason");
        long amount = json.integer("amount", 1, 10_000_000_000L);
        String reason = json.string("reason", OrderRefund.MAX_REASON);
        if (reason.isBlank()) {
            throw Problem.invalid("reason", "say why the money goes back");
        }
        Checkout.Answer answer = refunds.refund(orderId, caller, idempotencyKey, amount, reason, CheckoutRoutes.fingerprint(orderId, body));
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(answer.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(answer.body());
        return answer.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }
}
