package dev.storefront.cart;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.cart.Discount;
import dev.storefront.domain.cart.DiscountRestrictions;
import dev.storefront.http.JsonBody;
import dev.storefront.http.JsonObject;
import dev.storefront.discountstore.DiscountRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * Discount code administration (CartAdminFunction, behind the JWT authorizer; the admin group is
 * checked here as well). {@code PUT /admin/discounts/WELCOME10} with
 * {@code {"kind":"PERCENTAGE","percentOff":10}} or
 * {@code {"kind":"FIXED_AMOUNT","amountOff":{"amount":500,"currency":"EUR"},"minimumSubtotal":{...},"expiresAt":"2027-01-01T00:00:00Z"}}.
 * Optional restrictions: {@code "segment":"campus"} (customers of a segment only),
 * {@code "categories":["shoes"]} (reduces those lines only), {@code "customerId":"<sub>"} (a personal
 * code) and {@code "singleUse":true} (redeemed by the first order placed with it).
 */
@Controller("/admin/discounts")
class DiscountAdminRoutes {

    private final DiscountRepository discounts;

    DiscountAdminRoutes(DiscountRepository discounts) {
        this.discounts = discounts;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DiscountView(String code, String kind, @Nullable Integer percentOff, @Nullable Money amountOff,
                        @Nullable Money minimumSubtotal, @Nullable String expiresAt, @Nullable String customerId,
                        @Nullable String segment, @Nullable List<String> categories, @Nullable Boolean singleUse) {

        static DiscountView of(Discount d) {
            DiscountRestrictions limits = d.restrictions();
            return new DiscountView(d.code(), d.kind().name(), d.kind() == Discount.Kind.PERCENTAGE ? d.percentOff() : null,
                    d.amountOff(), d.minimumSubtotal(), d.expiresAt() == null ? null : d.expiresAt().toString(),
                    limits.customerId(), limits.segment(), limits.categories().isEmpty() ? null : List.copyOf(limits.categories()),
                    limits.singleUse() ? Boolean.TRUE : null);
        }
    }

    @Put("/{code}")
    HttpResponse<DiscountView> put(String code, Caller caller, @Nullable @Body String body) {
        caller.requireAdmin();
        if (!Discount.isCode(code)) {
            throw Problem.invalid("code", "a discount code is 2-32 upper-case letters, digits, '_' or '-'");
        }
        Discount discount = discountFrom(code, JsonBody.parse(body));
        boolean created = discounts.save(discount);
        return HttpResponse.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(DiscountView.of(discount));
    }

    static Discount discountFrom(String code, JsonObject body) {
        body.allowOnly("kind", "percentOff", "amountOff", "minimumSubtotal", "expiresAt", "customerId", "segment", "categories", "singleUse");
        return unrestricted(code, body).restrictedTo(new DiscountRestrictions(body.optionalString("customerId", 128),
                body.optionalString("segment", 32),
                body.has("categories") ? Set.copyOf(body.strings("categories", DiscountRestrictions.MAX_CATEGORIES, 64)) : Set.of(),
                body.has("singleUse") && body.bool("singleUse")));
    }

    private static Discount unrestricted(String code, JsonObject body) {
        Money minimum = body.has("minimumSubtotal") ? money(body.object("minimumSubtotal")) : null;
        Instant expiresAt = body.has("expiresAt") ? instant(body.string("expiresAt", 40)) : null;
        String kind = body.string("kind", 20);
        return switch (kind) {
            case "PERCENTAGE" -> {
                if (body.has("amountOff")) {
                    throw Problem.invalid("amountOff", "a PERCENTAGE code has no amountOff");
                }
                yield Discount.percentage(code, (int) body.integer("percentOff", 1, 100), minimum, expiresAt);
            }
            case "FIXED_AMOUNT" -> {
                if (body.has("percentOff")) {
                    throw Problem.invalid("percentOff", "a FIXED_AMOUNT code has no percentOff");
                }
                yield Discount.fixedAmount(code, money(body.object("amountOff")), minimum, expiresAt);
            }
            default -> throw Problem.invalid("kind", "kind must be PERCENTAGE or FIXED_AMOUNT");
        };
    }

    private static Money money(JsonObject money) {
        money.allowOnly("amount", "currency");
        return new Money(money.integer("amount", 0, Money.MAX_AMOUNT), money.currency("currency"));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Problem.invalid("expiresAt", "expiresAt must be an ISO-8601 UTC instant such as 2027-01-01T00:00:00Z");
        }
    }
}
