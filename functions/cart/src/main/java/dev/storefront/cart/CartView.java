package dev.storefront.cart;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Money;
import dev.storefront.domain.cart.CartWarning;
import dev.storefront.domain.cart.PricedCart;
import dev.storefront.domain.cart.ShippingChoice;
import dev.storefront.domain.pricing.PriceBreakdown;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A cart as storefronts see it: every line priced from the catalog now, with its warnings, and the
 * totals. {@code currency} (and the currency of the totals) is null only while the cart is empty.
 * {@code shipping} and {@code tax} are null until the shopper chose where to ship; then
 * {@code total} is what checkout will charge, recomputed at every read like the prices.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record CartView(String cartId, String status, long version, boolean customer, @Nullable String currency,
                List<LineView> lines, Amount subtotal, Amount discount, @Nullable String discountCode,
                @Nullable ShippingView shipping, @Nullable TaxView tax, Amount total,
                List<WarningView> warnings, String createdAt, String updatedAt, String expiresAt,
                List<String> recommendations) {

    /**
     * The shopper's choice and what it costs now; method fields and amount are null while the cart
     * cannot be shipped there (see the SHIPPING_UNAVAILABLE warning) or holds nothing priced yet.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ShippingView(String country, @Nullable String methodId, @Nullable String name, @Nullable String carrier,
                        @Nullable Amount amount) {
    }

    /** The tax in the total: inside the prices ({@code included}) or added to them. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TaxView(Amount amount, boolean included, List<TaxLineView> breakdown) {

        static TaxView of(PriceBreakdown.Tax tax, String currency) {
            return new TaxView(new Amount(tax.amount(), currency), tax.included(),
                    tax.breakdown().stream().map(t -> new TaxLineView(t.taxClass().wireName(), t.rate(),
                            new Amount(t.taxable(), currency), new Amount(t.amount(), currency))).toList());
        }
    }

    /** One tax class at its rate in basis points: the net amount it applies to and the tax. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TaxLineView(String taxClass, int rate, Amount taxable, Amount amount) {
    }

    /** A line; unitPrice and lineTotal are null when the catalog no longer sells the SKU (see its warning). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LineView(String sku, String productId, String name, int quantity, @Nullable Money unitPrice,
                    @Nullable Money lineTotal, List<WarningView> warnings) {
    }

    /** Minor units of the cart's currency. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Amount(long amount, @Nullable String currency) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WarningView(String code, String detail, @Nullable Long available, @Nullable Money previousUnitPrice) {

        static WarningView of(CartWarning warning) {
            return new WarningView(warning.code().name(), warning.detail(), warning.available(), warning.previousUnitPrice());
        }
    }

    private static ShippingView shipping(PricedCart priced) {
        ShippingChoice choice = priced.cart().shipping();
        if (choice == null) {
            return null;
        }
        PriceBreakdown.Shipping shipping = priced.breakdown() == null ? null : priced.breakdown().shipping();
        if (shipping == null) {
            return new ShippingView(choice.country(), choice.methodId(), null, null, null);
        }
        return new ShippingView(choice.country(), shipping.methodId(), shipping.name(), shipping.carrier(),
                new Amount(shipping.amount(), priced.currency()));
    }

    /** @param recommendations productIds bought with the cart's products (CartRecommendations), at most 4 */
    static CartView of(PricedCart priced, List<String> recommendations) {
        String currency = priced.currency();
        return new CartView(priced.cart().cartId(), priced.cart().status().name(), priced.cart().version(),
                priced.cart().isCustomerCart(), currency,
                priced.lines().stream().map(l -> new LineView(l.line().sku(), l.productId(), l.name(), l.line().quantity(),
                        l.unitPrice(), l.lineTotal(), l.warnings().stream().map(WarningView::of).toList())).toList(),
                new Amount(priced.subtotal(), currency), new Amount(priced.discount(), currency), priced.cart().discountCode(),
                shipping(priced), priced.breakdown() == null ? null : TaxView.of(priced.breakdown().tax(), currency),
                new Amount(priced.total(), currency), priced.warnings().stream().map(WarningView::of).toList(),
                priced.cart().createdAt().toString(), priced.cart().updatedAt().toString(), priced.cart().expiresAt().toString(),
                recommendations);
    }
}
