package dev.storefront.cart;

import dev.storefront.domain.Caller;
import dev.storefront.domain.Ids;
import dev.storefront.domain.Problem;
import dev.storefront.domain.cart.Cart;
import dev.storefront.domain.cart.PricedCart;
import dev.storefront.http.JsonBody;
import dev.storefront.http.SourceAddress;
import dev.storefront.http.JsonObject;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;

import java.util.regex.Pattern;

/**
 * The cart API. Routes only read and check input (ids, strict bodies, If-Match) and hand over to
 * {@link Carts}; every answer is the whole cart with its version as ETag. No route reads a price,
 * a name or a total from the client: bodies accept exactly the fields listed here.
 */
@Controller("/carts")
class CartRoutes {

    private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");

    private final Carts carts;
    private final DiscountAttempts discountAttempts;

    private final CartRecommendations recommendations;

    CartRoutes(Carts carts, DiscountAttempts discountAttempts, CartRecommendations recommendations) {
        this.carts = carts;
        this.discountAttempts = discountAttempts;
        this.recommendations = recommendations;
    }

    @Post
    HttpResponse<CartView> create(Caller caller, HttpRequest<?> request) {
        requireNoFields(request);
        Carts.Opened opened = carts.open(caller);
        return respond(opened.created() ? HttpStatus.CREATED : HttpStatus.OK, opened.cart())
                .header(HttpHeaders.LOCATION, "/carts/" + opened.cart().cart().cartId());
    }

    @Get("/{cartId}")
    HttpResponse<CartView> get(String cartId, Caller caller) {
        return respond(HttpStatus.OK, carts.view(cartId, caller));
    }

    @Post("/{cartId}/items")
    HttpResponse<CartView> addItem(String cartId, Caller caller, @Nullable @Header("If-Match") String ifMatch, @Nullable @Body String body) {
        Carts.requireCartId(cartId);
        JsonObject json = JsonBody.parse(body).allowOnly("sku", "quantity");
        String sku = sku(json.string("sku", 200));
        int quantity = (int) json.integer("quantity", 1, Cart.MAX_QUANTITY_PER_LINE);
        return respond(HttpStatus.OK, carts.addLine(cartId, caller, version(ifMatch), sku, quantity));
    }

    @Put("/{cartId}/items/{sku}")
    HttpResponse<CartView> setItem(String cartId, String sku, Caller caller, @Nullable @Header("If-Match") String ifMatch,
                                   @Nullable @Body String body) {
        Carts.requireCartId(cartId);
        requireSkuInPath(sku);
        int quantity = (int) JsonBody.parse(body).allowOnly("quantity").integer("quantity", 0, Cart.MAX_QUANTITY_PER_LINE);
        return respond(HttpStatus.OK, carts.setQuantity(cartId, caller, version(ifMatch), sku, quantity));
    }

    @Delete("/{cartId}/items/{sku}")
    HttpResponse<CartView> removeItem(String cartId, String sku, Caller caller, @Nullable @Header("If-Match") String ifMatch) {
        Carts.requireCartId(cartId);
        requireSkuInPath(sku);
        return respond(HttpStatus.OK, carts.removeLine(cartId, caller, version(ifMatch), sku));
    }

    @Post("/{cartId}/discount")
    HttpResponse<CartView> applyDiscount(String cartId, Caller caller, @Nullable @Header("If-Match") String ifMatch,
                                         @Nullable @Body String body, HttpRequest<?> request) {
        Carts.requireCartId(cartId);
        String code = JsonBody.parse(body).allowOnly("code").string("code", 64);
        return respond(HttpStatus.OK, discountAttempts.attempt(cartId, caller, SourceAddress.of(request),
                () -> carts.applyDiscount(cartId, caller, version(ifMatch), code)));
    }

    @Delete("/{cartId}/discount")
    HttpResponse<CartView> removeDiscount(String cartId, Caller caller, @Nullable @Header("If-Match") String ifMatch) {
        Carts.requireCartId(cartId);
        return respond(HttpStatus.OK, carts.removeDiscount(cartId, caller, version(ifMatch)));
    }

    @Get("/{cartId}/shipping-options")
    ShippingOptionsView shippingOptions(String cartId, Caller caller, @Nullable @QueryValue String country) {
        Carts.requireCartId(cartId);
        return ShippingOptionsView.of(carts.shippingOptions(cartId, caller, country));
    }

    @Put("/{cartId}/shipping")
    HttpResponse<CartView> chooseShipping(String cartId, Caller caller, @Nullable @Header("If-Match") String ifMatch,
                                          @Nullable @Body String body) {
        Carts.requireCartId(cartId);
        JsonObject json = JsonBody.parse(body).allowOnly("country", "methodId");
        String country = json.string("country", 2);
        String methodId = json.optionalString("methodId", 40);
        return respond(HttpStatus.OK, carts.chooseShipping(cartId, caller, version(ifMatch), country, methodId));
    }

    @Post("/{cartId}/merge")
    HttpResponse<CartView> merge(String cartId, Caller caller, @Nullable @Header("If-Match") String ifMatch, HttpRequest<?> request) {
        requireNoFields(request);
        return respond(HttpStatus.OK, carts.merge(cartId, caller, version(ifMatch)));
    }

    /**
     * If-Match carries the version from a previous answer's ETag ({@code "3"}, quotes optional);
     * {@code *} or no header means "whatever the current version is".
     */
    static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!VERSION.matcher(value).matches()) {
            throw Problem.invalid("If-Match", "If-Match must be the cart version from its ETag, e.g. \"3\"");
        }
        return Long.parseLong(value);
    }

    private static String sku(String sku) {
        if (!Ids.isSku(sku)) {
            throw Cart.skuUnavailable(sku);
        }
        return sku;
    }

    private static void requireSkuInPath(String sku) {
        if (!Ids.isSku(sku)) {
            throw Problem.notFound("sku " + Problem.quote(sku));
        }
    }

    /**
     * Routes that take no input accept no body or {@code {}}, and refuse a body that tries to set
     * something. (The API Gateway request adapter throws on reading an empty body: that is "none".)
     */
    private static void requireNoFields(HttpRequest<?> request) {
        String body;
        try {
            body = request.getBody(String.class).orElse(null);
        } catch (CodecException empty) {
            body = null;
        }
        if (body != null && !body.isBlank()) {
            JsonBody.parse(body).allowOnly();
        }
    }

    private MutableHttpResponse<CartView> respond(HttpStatus status, PricedCart cart) {
        return HttpResponse.<CartView>status(status).body(CartView.of(cart, recommendations.of(cart)))
                .header(HttpHeaders.ETAG, "\"" + cart.cart().version() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
