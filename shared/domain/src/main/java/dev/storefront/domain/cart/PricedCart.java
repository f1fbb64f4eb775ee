package dev.storefront.domain.cart;

import dev.storefront.domain.Money;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cart priced from the catalog at read time: each line with its current unit price and line total
 * and its warnings, the subtotal of the priced lines, the discount and the total. Amounts are minor
 * units of {@code currency}, which is null only for an empty cart.
 *
 * @param appliedDiscount the cart's discount code as read for this pricing (null when the cart has
 *                        none or the code is gone), whether or not it reduced anything
 */
public record PricedCart(Cart cart, String currency, List<Line> lines, long subtotal, long discount, long total,
                         List<CartWarning> warnings, Discount appliedDiscount) {

    /** Whether the cart's discount code cannot be used as the cart stands (a checkout refuses then). */
    public java.util.Optional<String> discountRefusal() {
        return warnings.stream().filter(w -> w.code() == CartWarning.Code.DISCOUNT_NOT_APPLICABLE).map(CartWarning::detail).findFirst();
    }

    /** A line as priced now; unitPrice and lineTotal are null for a SKU the catalog no longer sells. */
    public record Line(CartLine line, String productId, String name, Money unitPrice, Money lineTotal, List<CartWarning> warnings) {
    }

    /**
     * Prices a cart.
     *
     * @param offers   the catalog's current offer per SKU; a SKU without one is unavailable
     * @param discount the cart's discount code as stored now, null when the cart has none or the code was withdrawn
     */
    public static PricedCart of(Cart cart, Map<String, Offer> offers, Discount discount, Instant now) {
        // The cart's own customer: a personal code is its holder's, whoever holds the cart id.
        return of(cart, offers, discount, Shopper.of(cart.customerId()), now);
    }

    /**
     * Prices a cart for a shopper (the cart's customer and their segments), who a restricted
     * discount code is checked against. A code limited to categories reduces only those lines.
     */
    public static PricedCart of(Cart cart, Map<String, Offer> offers, Discount discount, Shopper shopper, Instant now) {
        String currency = cart.currency();
        List<Line> lines = new ArrayList<>();
        long subtotal = 0;
        long eligible = 0;
        for (CartLine line : cart.lines()) {
            Offer offer = offers.get(line.sku());
            List<CartWarning> warnings = new ArrayList<>();
            if (offer == null || currency != null && !currency.equals(offer.unitPrice().currency())) {
                warnings.add(CartWarning.of(CartWarning.Code.SKU_UNAVAILABLE, "sku " + line.sku() + " is no longer sold"
                        + (offer == null ? "" : " in " + currency) + "; remove it to check out"));
                lines.add(new Line(line, line.productId(), line.name(), null, null, List.copyOf(warnings)));
                continue;
            }
            if (offer.available() <= 0) {
                warnings.add(CartWarning.of(CartWarning.Code.OUT_OF_STOCK, "sku " + line.sku() + " is out of stock"));
            } else if (offer.available() < line.quantity()) {
                warnings.add(new CartWarning(CartWarning.Code.INSUFFICIENT_STOCK, "only " + offer.available()
                        + (offer.available() == 1 ? " unit" : " units") + " of sku " + line.sku() + " available", offer.available(), null));
            }
            if (!offer.unitPrice().equals(line.seenUnitPrice())) {
                warnings.add(new CartWarning(CartWarning.Code.PRICE_CHANGED, "the price of sku " + line.sku() + " changed from "
                        + Discount.display(line.seenUnitPrice()) + " to " + Discount.display(offer.unitPrice()), null, line.seenUnitPrice()));
            }
            Money lineTotal = offer.unitPrice().times(line.quantity());
            subtotal = Math.addExact(subtotal, lineTotal.amount());
            if (discount != null && discount.restrictions().appliesTo(offer.category())) {
                eligible = Math.addExact(eligible, lineTotal.amount());
            }
            currency = currency == null ? offer.unitPrice().currency() : currency;
            lines.add(new Line(line, offer.productId(), offer.name(), offer.unitPrice(), lineTotal, List.copyOf(warnings)));
        }
        List<CartWarning> cartWarnings = new ArrayList<>();
        long off = 0;
        if (cart.discountCode() != null) {
            if (discount == null) {
                cartWarnings.add(CartWarning.of(CartWarning.Code.DISCOUNT_NOT_APPLICABLE, "code " + cart.discountCode() + " is no longer valid"));
            } else {
                var refusal = discount.refusal(shopper, subtotal, currency, now);
                refusal.ifPresent(why -> cartWarnings.add(CartWarning.of(CartWarning.Code.DISCOUNT_NOT_APPLICABLE, why)));
                if (refusal.isEmpty() && subtotal > 0 && eligible == 0) {
                    cartWarnings.add(CartWarning.of(CartWarning.Code.DISCOUNT_NOT_APPLICABLE, "code " + discount.code()
                            + " applies only to products in " + String.join(", ", discount.restrictions().categories())));
                }
                off = refusal.isPresent() ? 0 : discount.amountOff(subtotal, eligible, currency, now);
            }
        }
        return new PricedCart(cart, currency, List.copyOf(lines), subtotal, off, subtotal - off, List.copyOf(cartWarnings),
                cart.discountCode() == null ? null : discount);
    }
}
