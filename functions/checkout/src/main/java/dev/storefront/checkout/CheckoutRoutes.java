package dev.storefront.checkout;

import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.Ids;
import dev.storefront.domain.order.Email;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.Return;
import dev.storefront.domain.order.ShippingAddress;
import dev.storefront.http.JsonBody;
import dev.storefront.http.SourceAddress;
import dev.storefront.http.JsonObject;
import dev.storefront.http.ProblemResponses;
import dev.storefront.http.QueryParams;
import dev.storefront.orderstore.OrderRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Checkout and the buyer's orders. */
@Controller
class CheckoutRoutes {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    private final Checkout checkout;
    private final Orders orders;
    private final Returns returns;

    CheckoutRoutes(Checkout checkout, Orders orders, Returns returns) {
        this.checkout = checkout;
        this.orders = orders;
        this.returns = returns;
    }

    @Post("/carts/{cartId}/checkout")
    MutableHttpResponse<String> checkout(String cartId, Caller caller, @Nullable @Header("Idempotency-Key") String key,
                                         @Nullable @Body String body, HttpRequest<?> http) {
        requireIdempotencyKey(key);
        JsonObject json = JsonBody.parse(body).allowOnly("email", "shippingAddress", "paymentToken", "shippingMethodId");
        JsonObject address = json.object("shippingAddress").allowOnly("name", "line1", "line2", "city", "region", "postalCode", "country");
        Checkout.Request request = new Checkout.Request(
                Email.require(json.string("email", 254)),
                new ShippingAddress(address.string("name", 100), address.string("line1", 200), address.optionalString("line2", 200),
                        address.string("city", 100), address.optionalString("region", 100), address.string("postalCode", 12),
                        address.string("country", 2)),
                json.string("paymentToken", 128),
                json.optionalString("shippingMethodId", 40),
                fingerprint(cartId, body), SourceAddress.of(http));
        Checkout.Answer answer = checkout.checkout(cartId, caller, key, request);
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(answer.status()))
                .contentType(answer.status() >= 400 ? ProblemResponses.PROBLEM_JSON : MediaType.APPLICATION_JSON_TYPE)
                .body(answer.body());
        return answer.replayed() ? response.header("Idempotent-Replayed", "true") : response;
    }

    @Get("/orders/{orderId}")
    OrderView get(String orderId, Caller caller) {
        return OrderView.of(orders.visible(orderId, caller));
    }

    @Get("/orders")
    OrderView.Page mine(Caller caller, @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        OrderRepository.Page page = orders.mine(caller, QueryParams.intInRange("limit", limit, 1, 100, 20), cursor);
        return new OrderView.Page(page.items().stream().map(OrderView::of).toList(), page.nextCursor());
    }

    @Post("/orders/{orderId}/cancel")
    HttpResponse<OrderView> cancel(String orderId, Caller caller) {
        return HttpResponse.accepted().body(OrderView.of(orders.cancel(orderId, caller)));
    }

    /** {@code {lines: [{sku, quantity, reason?}]}}: a return of delivered units (docs/openapi.yaml). */
    @Post("/orders/{orderId}/returns")
    HttpResponse<OrderView.ReturnView> requestReturn(String orderId, Caller caller, @Nullable @Body String body) {
        JsonObject json = JsonBody.parse(body).allowOnly("lines");
        List<Return.Line> lines = json.objects("lines", 50).stream().map(line -> {
            line.allowOnly("sku", "quantity", "reason");
            String sku = line.string("sku", 64);
            if (!Ids.isSku(sku)) {
                throw Problem.invalid("sku", "sku must be 1-64 letters, digits, '.', '_' or '-'");
            }
            return new Return.Line(sku, (int) line.integer("quantity", 1, Order.MAX_UNITS), line.optionalString("reason", Return.MAX_REASON), null);
        }).toList();
        Returns.Requested requested = returns.request(orderId, caller, lines);
        return HttpResponse.created(OrderView.ReturnView.of(requested.order(), requested.requested()));
    }

    /** The Idempotency-Key header, checked: 400 without one or with one of the wrong shape. */
    static String requireIdempotencyKey(String key) {
        if (key == null || !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw Problem.invalid("Idempotency-Key", "send an Idempotency-Key header of 8-128 letters, digits, '.', '_', ':' or '-' (a UUID is ideal)");
        }
        return key;
    }

    /** Same cart and same body bytes: the same request. */
    static String fingerprint(String cartId, String body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(cartId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(body.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
