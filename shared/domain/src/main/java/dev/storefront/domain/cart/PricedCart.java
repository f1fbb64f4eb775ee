package dev.storefront.domain.cart;

import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.pricing.Destination;
import dev.storefront.domain.pricing.Parcel;
import dev.storefront.domain.pricing.PriceBreakdown;
import dev.storefront.domain.pricing.PricingLine;
import dev.storefront.domain.pricing.ShippingMethod;
import dev.storefront.domain.pricing.ShippingOption;
import dev.storefront.domain.pricing.ShippingZone;
import dev.storefront.domain.pricing.ShippingZones;
import dev.storefront.domain.pricing.TaxClass;

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
 * @param breakdown       shipping and tax for a destination ({@link #shippedTo}, {@link #quotedFor}); null
 *                        before a country is known or while nothing in the cart can be priced. With it,
 *                        {@code total} is the breakdown's total: what checkout charges
 * @param shippingMethod  the method the breakdown's shipping charge comes from, null for none
 */
public record PricedCart(Cart cart, String currency, List<Line> lines, long subtotal, long discount, long total,
                         List<CartWarning> warnings, Discount appliedDiscount, PriceBreakdown breakdown,
                         ShippingMethod shippingMethod) {

    public PricedCart(Cart cart, String currency, List<Line> lines, long subtotal, long discount, long total,
                      List<CartWarning> warnings, Discount appliedDiscount) {
        this(cart, currency, lines, subtotal, discount, total, warnings, appliedDiscount, null, null);
    }

    /** Whether the cart's discount code cannot be used as the cart stands (a checkout refuses then). */
    public java.util.Optional<String> discountRefusal() {
        return warnings.stream().filter(w -> w.code() == CartWarning.Code.DISCOUNT_NOT_APPLICABLE).map(CartWarning::detail).findFirst();
    }

    /**
     * A line as priced now; unitPrice and lineTotal are null for a SKU the catalog no longer sells.
     *
     * @param discountable whether the cart's discount reduces this line (its code's categories)
     * @param stockShards  how many shards the SKU's stock is split over (1: not hot), what checkout reserves from
     */
    public record Line(CartLine line, String productId, String name, Money unitPrice, Money lineTotal, List<CartWarning> warnings,
                       long weightGrams, TaxClass taxClass, boolean discountable, int stockShards) {

        public boolean isPriced() {
            return unitPrice != null;
        }
    }

    /**
     * This cart priced for shipping to {@code destination}, strictly: a country in no zone is 422
     * SHIPPING_UNAVAILABLE, a named method the zone lacks or that cannot carry the parcel 422
     * SHIPPING_METHOD_INVALID. Without a named method, the cart's chosen one if it still serves the
     * country and parcel, else the zone's default ({@link ShippingZones#preferredOrDefault}). What
     * checkout and {@code PUT /carts/{cartId}/shipping} use. A cart with no priced line is returned
     * unpriced, once the zone and the named method are known to exist.
     */
    public PricedCart shippedTo(Destination destination, String namedMethodId) {
        List<PricingLine> pricing = pricingLines();
        ShippingZones zones = destination.zones();
        if (pricing.isEmpty()) {
            // Nothing to weigh or charge yet: the zone and the named method must still exist.
            ShippingZone zone = zones.requireZone(destination.country());
            if (namedMethodId != null && zone.method(namedMethodId).isEmpty()) {
                zones.method(destination.country(), namedMethodId, new Parcel(zone.defaultMethod().rate().currency(), 0, 0));
            }
            return this;
        }
        Parcel parcel = Parcel.of(pricing, discount);
        ShippingMethod method = namedMethodId != null
                ? zones.method(destination.country(), namedMethodId, parcel)
                : zones.preferredOrDefault(destination.country(), cart.shipping() == null ? null : cart.shipping().methodId(), parcel);
        return priced(PriceBreakdown.of(pricing, discount, destination.taxRates(), method), method, warnings);
    }

    /**
     * This cart priced for the destination it chose, leniently, as cart reads show it: when it can no
     * longer be shipped there (the zone changed, nothing carries the parcel) the cart shows its tax
     * without a shipping charge and a SHIPPING_UNAVAILABLE warning; checkout then refuses.
     */
    public PricedCart quotedFor(Destination destination) {
        try {
            return shippedTo(destination, null);
        } catch (Problem unavailable) {
            List<PricingLine> pricing = pricingLines();
            List<CartWarning> withWarning = new ArrayList<>(warnings);
            withWarning.add(CartWarning.of(CartWarning.Code.SHIPPING_UNAVAILABLE, unavailable.detail()));
            if (pricing.isEmpty()) {
                return new PricedCart(cart, currency, lines, subtotal, discount, total, List.copyOf(withWarning), appliedDiscount, null, null);
            }
            return priced(PriceBreakdown.of(pricing, discount, destination.taxRates(), null), null, List.copyOf(withWarning));
        }
    }

    /**
     * This cart, saying so when its shipping charge differs from {@code before}'s (a line change
     * crossed a free-over threshold or a weight tier): a SHIPPING_CHANGED warning.
     */
    public PricedCart shippingChangedFrom(PricedCart before) {
        Long was = shippingAmount(before);
        Long now = shippingAmount(this);
        if (was == null || now == null || was.equals(now)) {
            return this;
        }
        Long freeOver = shippingMethod.rate().freeOver();
        String detail;
        if (now == 0 && freeOver != null) {
            detail = "shipping is free now: " + shippingMethod.name() + " ships free from " + Discount.display(new Money(freeOver, currency))
                    + " (it was " + Discount.display(new Money(was, currency)) + ")";
        } else if (was == 0 && freeOver != null && parcelValue() < freeOver) {
            detail = "shipping costs " + Discount.display(new Money(now, currency)) + " now: " + shippingMethod.name()
                    + " ships free only from " + Discount.display(new Money(freeOver, currency));
        } else {
            detail = "shipping by " + shippingMethod.name() + " changed from " + Discount.display(new Money(was, currency)) + " to "
                    + Discount.display(new Money(now, currency)) + " (the parcel weighs " + breakdown.weightGrams() + " g)";
        }
        List<CartWarning> withWarning = new ArrayList<>(warnings);
        withWarning.add(CartWarning.of(CartWarning.Code.SHIPPING_CHANGED, detail));
        return new PricedCart(cart, currency, lines, subtotal, discount, total, List.copyOf(withWarning), appliedDiscount, breakdown, shippingMethod);
    }

    /**
     * The zone's methods that can carry this cart to the destination, with their charge now; for a
     * cart with nothing priced yet, each method's charge for an empty parcel. A country in no zone
     * is 422 SHIPPING_UNAVAILABLE.
     */
    public List<ShippingOption> shippingOptions(Destination destination) {
        ShippingZones zones = destination.zones();
        List<PricingLine> pricing = pricingLines();
        if (!pricing.isEmpty()) {
            return zones.options(destination.country(), Parcel.of(pricing, discount));
        }
        ShippingZone zone = zones.requireZone(destination.country());
        List<ShippingOption> options = new ArrayList<>();
        for (ShippingMethod method : zone.methods()) {
            method.charge(new Parcel(method.rate().currency(), 0, 0))
                    .ifPresent(amount -> options.add(new ShippingOption(zone.zoneId(), method, amount)));
        }
        return List.copyOf(options);
    }

    private static Long shippingAmount(PricedCart priced) {
        return priced == null || priced.breakdown == null || priced.breakdown.shipping() == null ? null : priced.breakdown.shipping().amount();
    }

    private long parcelValue() {
        return subtotal - discount;
    }

    /** The lines the catalog prices now, as pricing sees them. */
    private List<PricingLine> pricingLines() {
        return lines.stream().filter(Line::isPriced)
                .map(l -> new PricingLine(l.line().sku(), l.line().quantity(), l.unitPrice(), l.weightGrams(), l.taxClass(),
                        l.discountable()))
                .toList();
    }

    private PricedCart priced(PriceBreakdown priced, ShippingMethod method, List<CartWarning> withWarnings) {
        return new PricedCart(cart, currency, lines, subtotal, discount, priced.total(), withWarnings, appliedDiscount, priced, method);
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
                lines.add(new Line(line, line.productId(), line.name(), null, null, List.copyOf(warnings), 0, TaxClass.STANDARD, false, 1));
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
            boolean discountable = discount != null && discount.restrictions().appliesTo(offer.category());
            if (discountable) {
                eligible = Math.addExact(eligible, lineTotal.amount());
            }
            currency = currency == null ? offer.unitPrice().currency() : currency;
            lines.add(new Line(line, offer.productId(), offer.name(), offer.unitPrice(), lineTotal, List.copyOf(warnings),
                    offer.weightGrams(), offer.taxClass(), discountable, offer.stockShards()));
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
