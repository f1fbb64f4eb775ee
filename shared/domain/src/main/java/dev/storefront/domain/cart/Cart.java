package dev.storefront.domain.cart;

import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A shopping cart: its lines by SKU and the rules for changing them. Immutable: every change returns
 * a new cart with the same {@code version}; the store writes it conditionally on that version and
 * bumps it, so two concurrent changes can never silently overwrite each other.
 *
 * @param customerId the owner's subject for a customer cart, null for an anonymous one
 * @param currency   the currency of the lines (fixed by the first line, null while the cart is empty)
 * @param mergedInto for a MERGED cart, the customer cart that took its lines
 * @param shipping   where and how the shopper chose to ship (PUT /carts/{cartId}/shipping), null until then
 */
public record Cart(String cartId, String customerId, CartStatus status, long version, String currency,
                   List<CartLine> lines, String discountCode, Instant createdAt, Instant updatedAt,
                   Instant expiresAt, String mergedInto, ShippingChoice shipping) {

    /** Most units of one SKU in one cart. */
    public static final int MAX_QUANTITY_PER_LINE = 99;
    /**
     * Most distinct SKUs in one cart: its checkout reserves every line in one DynamoDB transaction
     * (at most 100 items) that writes two items per line (the stock and its ledger entry) beside the
     * order, the cart, the code, the key and the attempt counters.
     */
    public static final int MAX_LINES = 40;
    /** Carts expire after this long without a change. */
    public static final Duration ANONYMOUS_IDLE_LIFETIME = Duration.ofDays(7);
    public static final Duration CUSTOMER_IDLE_LIFETIME = Duration.ofDays(30);

    public Cart {
        Objects.requireNonNull(cartId, "cartId");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
    }

    /** A new, empty, open cart; version 0 until it is first stored. */
    public static Cart open(String cartId, String customerId, Instant now) {
        return new Cart(cartId, customerId, CartStatus.OPEN, 0, null, List.of(), null, now, now,
                now.plus(customerId == null ? ANONYMOUS_IDLE_LIFETIME : CUSTOMER_IDLE_LIFETIME), null, null);
    }

    public boolean isCustomerCart() {
        return customerId != null;
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * Whether a caller may see this cart at all: an anonymous cart by anyone holding its id, a
     * customer cart by its owner only. Expired and merged carts are gone for everyone. Callers
     * that may not see a cart are told it does not exist (404), never that it is someone else's.
     */
    public boolean isReadableBy(Caller caller, Instant now) {
        return status != CartStatus.MERGED && !isExpired(now)
                && (customerId == null || customerId.equals(caller.subject()));
    }

    public Cart requireOpen() {
        if (status != CartStatus.OPEN) {
            throw new Problem(ProblemCode.CART_CLOSED, "cart " + cartId + " is " + status.name().toLowerCase().replace('_', ' ')
                    + " and takes no more changes");
        }
        return this;
    }

    public CartLine line(String sku) {
        return lines.stream().filter(l -> l.sku().equals(sku)).findFirst().orElse(null);
    }

    /** Adds units of a SKU the catalog sells, to its existing line if there is one. */
    public Cart add(Offer offer, int quantity) {
        requireQuantity(quantity, 1);
        requireCurrency(offer);
        CartLine existing = line(offer.sku());
        if (existing == null) {
            if (lines.size() >= MAX_LINES) {
                throw new Problem(ProblemCode.CART_LIMIT_EXCEEDED, "a cart holds at most " + MAX_LINES
                        + " different SKUs; remove one before adding " + offer.sku(), "sku");
            }
            List<CartLine> next = new ArrayList<>(lines);
            next.add(CartLine.of(offer, quantity));
            return withLines(next, offer.unitPrice().currency());
        }
        int total = existing.quantity() + quantity;
        if (total > MAX_QUANTITY_PER_LINE) {
            throw new Problem(ProblemCode.CART_LIMIT_EXCEEDED, "the cart already holds " + existing.quantity() + " of " + offer.sku()
                    + "; a line holds at most " + MAX_QUANTITY_PER_LINE, "quantity");
        }
        return replace(CartLine.of(offer, total), offer.unitPrice().currency());
    }

    /**
     * Sets a line's quantity; 0 removes the line. Setting a SKU not yet in the cart adds it. The
     * offer may be null only when the quantity is 0: raising or keeping a line needs the catalog to sell it.
     */
    public Cart setQuantity(String sku, int quantity, Offer offer) {
        requireQuantity(quantity, 0);
        if (quantity == 0) {
            return remove(sku);
        }
        if (offer == null) {
            throw skuUnavailable(sku);
        }
        if (line(sku) == null) {
            return add(offer, quantity);
        }
        requireCurrency(offer);
        return replace(CartLine.of(offer, quantity), offer.unitPrice().currency());
    }

    /** Removes a SKU's line; the same cart when there is none (removing twice is harmless). */
    public Cart remove(String sku) {
        if (line(sku) == null) {
            return this;
        }
        List<CartLine> next = lines.stream().filter(l -> !l.sku().equals(sku)).toList();
        return withLines(next, next.isEmpty() ? null : currency);
    }

    public Cart withDiscountCode(String code) {
        return new Cart(cartId, customerId, status, version, currency, lines, code, createdAt, updatedAt, expiresAt, mergedInto, shipping);
    }

    /** The cart shipping to {@code choice}; null forgets the choice. */
    public Cart withShipping(ShippingChoice choice) {
        return new Cart(cartId, customerId, status, version, currency, lines, discountCode, createdAt, updatedAt, expiresAt, mergedInto, choice);
    }

    /**
     * This (customer) cart with another cart's lines folded in: quantities of a SKU in both are
     * summed up to the per-line maximum, new SKUs are appended while there is room for them (the
     * rest are left out), and this cart's discount code and shipping choice win over the other's.
     */
    public Cart mergedWith(Cart other) {
        if (currency != null && other.currency != null && !currency.equals(other.currency)) {
            throw new Problem(ProblemCode.CURRENCY_MISMATCH, "cart " + other.cartId + " is priced in " + other.currency
                    + " and cannot be merged into a cart priced in " + currency);
        }
        List<CartLine> next = new ArrayList<>(lines);
        for (CartLine incoming : other.lines) {
            CartLine existing = line(incoming.sku());
            if (existing != null) {
                int quantity = Math.min(MAX_QUANTITY_PER_LINE, existing.quantity() + incoming.quantity());
                next.set(next.indexOf(existing), new CartLine(existing.sku(), existing.productId(), existing.name(),
                        quantity, existing.seenUnitPrice()));
            } else if (next.size() < MAX_LINES) {
                next.add(incoming);
            }
        }
        String mergedCurrency = next.isEmpty() ? null : currency != null ? currency : other.currency;
        return new Cart(cartId, customerId, status, version, mergedCurrency, next,
                discountCode != null ? discountCode : other.discountCode, createdAt, updatedAt, expiresAt, mergedInto,
                shipping != null ? shipping : other.shipping);
    }

    /** This cart closed after its lines went into {@code target}. */
    public Cart mergedInto(String target) {
        return new Cart(cartId, customerId, CartStatus.MERGED, version, currency, lines, discountCode, createdAt, updatedAt,
                expiresAt, target, shipping);
    }

    /** The cart as it is stored at {@code now}: its idle lifetime starts again. */
    public Cart touched(Instant now) {
        Duration lifetime = customerId == null ? ANONYMOUS_IDLE_LIFETIME : CUSTOMER_IDLE_LIFETIME;
        return new Cart(cartId, customerId, status, version, currency, lines, discountCode, createdAt, now, now.plus(lifetime), mergedInto, shipping);
    }

    /** The cart as stored with its next version. */
    public Cart withVersion(long next) {
        return new Cart(cartId, customerId, status, next, currency, lines, discountCode, createdAt, updatedAt, expiresAt, mergedInto, shipping);
    }

    public static Problem skuUnavailable(String sku) {
        return new Problem(ProblemCode.SKU_UNAVAILABLE, "sku " + Problem.quote(sku) + " is not sold in this shop", "sku");
    }

    private Cart replace(CartLine line, String lineCurrency) {
        List<CartLine> next = new ArrayList<>(lines);
        next.set(next.indexOf(line(line.sku())), line);
        return withLines(next, lineCurrency);
    }

    private Cart withLines(List<CartLine> next, String nextCurrency) {
        return new Cart(cartId, customerId, status, version, nextCurrency, next, discountCode, createdAt, updatedAt, expiresAt, mergedInto, shipping);
    }

    private void requireCurrency(Offer offer) {
        String offered = offer.unitPrice().currency();
        boolean onlyLine = lines.size() == 1 && lines.get(0).sku().equals(offer.sku());
        if (currency != null && !currency.equals(offered) && !onlyLine) {
            throw new Problem(ProblemCode.CURRENCY_MISMATCH, "sku " + offer.sku() + " is priced in " + offered
                    + " and this cart in " + currency + "; a cart holds one currency", "sku");
        }
    }

    private static void requireQuantity(int quantity, int min) {
        if (quantity < min || quantity > MAX_QUANTITY_PER_LINE) {
            throw Problem.invalid("quantity", "quantity must be an integer from " + min + " to " + MAX_QUANTITY_PER_LINE);
        }
    }
}
