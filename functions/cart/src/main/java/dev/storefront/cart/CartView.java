package dev.storefront.cart;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Money;
import dev.storefront.domain.cart.CartWarning;
import dev.storefront.domain.cart.PricedCart;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A cart as storefronts see it: every line priced from the catalog now, with its warnings, and the
 * totals. {@code currency} (and the currency of the totals) is null only while the cart is empty.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record CartView(String cartId, String status, long version, boolean customer, @Nullable String currency,
                List<LineView> lines, Amount subtotal, Amount discount, @Nullable String discountCode, Amount total,
                List<WarningView> warnings, String createdAt, String updatedAt, String expiresAt,
                List<String> recommendations) {

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

    /** @param recommendations productIds bought with the cart's products (CartRecommendations), at most 4 */
    static CartView of(PricedCart priced, List<String> recommendations) {
        String currency = priced.currency();
        return new CartView(priced.cart().cartId(), priced.cart().status().name(), priced.cart().version(),
                priced.cart().isCustomerCart(), currency,
                priced.lines().stream().map(l -> new LineView(l.line().sku(), l.productId(), l.name(), l.line().quantity(),
                        l.unitPrice(), l.lineTotal(), l.warnings().stream().map(WarningView::of).toList())).toList(),
                new Amount(priced.subtotal(), currency), new Amount(priced.discount(), currency), priced.cart().discountCode(),
                new Amount(priced.total(), currency), priced.warnings().stream().map(WarningView::of).toList(),
                priced.cart().createdAt().toString(), priced.cart().updatedAt().toString(), priced.cart().expiresAt().toString(),
                recommendations);
    }
}
