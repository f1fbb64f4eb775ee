package dev.storefront.cart;

import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.cart.Cart;
import dev.storefront.domain.cart.CartId;
import dev.storefront.domain.cart.CartLine;
import dev.storefront.domain.cart.CartStatus;
import dev.storefront.domain.cart.Discount;
import dev.storefront.domain.cart.Offer;
import dev.storefront.domain.cart.PricedCart;
import dev.storefront.domain.cart.ShippingChoice;
import dev.storefront.domain.pricing.ShippingOption;
import dev.storefront.cartstore.CartStore;
import dev.storefront.catalogstore.CatalogReader;
import dev.storefront.discountstore.DiscountRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The cart's use cases. Every change is read, apply a domain rule, write conditionally on the
 * version read. With {@code If-Match} the client asked for exactly that version: a mismatch is 412.
 * Without it, a lost race is retried from a fresh read (with jittered backoff), so concurrent
 * changes to different lines all land. Every answer is the cart priced from the catalog now.
 */
@Singleton
class Carts {

    /** Enough for dozens of concurrent writers on one cart; a real shopper has one or two. */
    static final int MAX_ATTEMPTS = 40;

    private static final Logger LOG = LoggerFactory.getLogger(Carts.class);

    private final CartStore carts;
    private final CatalogReader catalog;
    private final DiscountRepository discounts;
    private final CartEvents events;
    private final Clock clock;

    Carts(CartStore carts, CatalogReader catalog, DiscountRepository discounts, CartEvents events, Clock clock) {
        this.carts = carts;
        this.catalog = catalog;
        this.discounts = discounts;
        this.events = events;
        this.clock = clock;
    }

    record Opened(PricedCart cart, boolean created) {
    }

    /** A new anonymous cart, or the signed-in customer's open cart (created when they have none). */
    Opened open(Caller caller) {
        Instant now = clock.instant();
        if (caller.isAnonymous()) {
            Cart cart = carts.create(Cart.open(CartId.random(), null, now));
            MDC.put("cartId", cart.cartId());
            events.publish(CartEvent.of(CartEvent.Type.CART_CREATED, cart, caller, now));
            return new Opened(price(cart), true);
        }
        Opened opened = customerCart(caller);
        MDC.put("cartId", opened.cart().cart().cartId());
        return opened;
    }

    PricedCart view(String cartId, Caller caller) {
        Cart cart = readable(cartId, caller, clock.instant());
        events.publish(CartEvent.of(CartEvent.Type.CART_VIEWED, cart, caller, clock.instant()));
        return price(cart);
    }

    PricedCart addLine(String cartId, Caller caller, Long ifMatch, String sku, int quantity) {
        Offer offer = offerOf(sku);
        return changeLine(cartId, caller, ifMatch, sku, cart -> cart.add(offer, quantity));
    }

    PricedCart setQuantity(String cartId, Caller caller, Long ifMatch, String sku, int quantity) {
        Offer offer = quantity == 0 ? null : offerOf(sku);
        return changeLine(cartId, caller, ifMatch, sku, cart -> cart.setQuantity(sku, quantity, offer));
    }

    PricedCart removeLine(String cartId, Caller caller, Long ifMatch, String sku) {
        return changeLine(cartId, caller, ifMatch, sku, cart -> cart.remove(sku));
    }

    /** The methods that can ship the cart to a country now, with their charge; 422 SHIPPING_UNAVAILABLE for a country in no zone. */
    List<ShippingOption> shippingOptions(String cartId, Caller caller, String country) {
        ShippingChoice.requireCountry(country);
        CartStore.Quote quote = carts.quote(readable(cartId, caller, clock.instant()), country);
        return quote.cart().shippingOptions(quote.destination());
    }

    /**
     * Ships the cart to a country by a method (null: the zone's default): a country in no zone is 422
     * SHIPPING_UNAVAILABLE, a method the zone lacks or that cannot carry the cart 422
     * SHIPPING_METHOD_INVALID. Only the choice is stored; the charge is recomputed at every read.
     */
    PricedCart chooseShipping(String cartId, Caller caller, Long ifMatch, String country, String methodId) {
        ShippingChoice.requireCountry(country);
        return price(update(cartId, caller, ifMatch, cart -> {
            CartStore.Quote quote = carts.quote(cart, country);
            quote.cart().shippedTo(quote.destination(), methodId);
            return cart.withShipping(new ShippingChoice(country, methodId));
        }));
    }

    /**
     * A change to one SKU's line, published as what it did to the quantity: units added
     * (LINE_ADDED) or units removed (LINE_REMOVED, also when the line goes); nothing when the saved
     * cart holds as many as before (setting the same quantity, removing a SKU not in the cart). The
     * answer warns SHIPPING_CHANGED when the change moved the shipping charge.
     */
    private PricedCart changeLine(String cartId, Caller caller, Long ifMatch, String sku, UnaryOperator<Cart> change) {
        // update() may apply the change several times (lost races); the last cart it saw is the one the save was based on.
        AtomicReference<Cart> before = new AtomicReference<>();
        Cart saved = update(cartId, caller, ifMatch, cart -> {
            before.set(cart);
            return change.apply(cart);
        });
        int delta = quantityOf(saved, sku) - quantityOf(before.get(), sku);
        if (delta > 0) {
            events.publish(CartEvent.lineAdded(saved, caller, sku, saved.line(sku).productId(), delta, clock.instant()));
        } else if (delta < 0) {
            events.publish(CartEvent.lineRemoved(saved, caller, sku, -delta, clock.instant()));
        }
        // Priced with the cart as it was, so the answer can say when the change moved the shipping charge.
        return carts.priceChange(before.get(), saved);
    }

    private static int quantityOf(Cart cart, String sku) {
        CartLine line = cart == null ? null : cart.line(sku);
        return line == null ? 0 : line.quantity();
    }

    /**
     * Applies a code that exists, has not expired, fits the cart now and may be used by the cart's
     * customer (personal codes, segment codes, single-use codes not yet redeemed); otherwise 422
     * DISCOUNT_INVALID.
     */
    PricedCart applyDiscount(String cartId, Caller caller, Long ifMatch, String entered) {
        readable(cartId, caller, clock.instant());
        String code = Discount.normalize(entered);
        Discount discount = (Discount.isCode(code) ? discounts.find(code) : Optional.<Discount>empty())
                .orElseThrow(() -> new Problem(ProblemCode.DISCOUNT_INVALID, Discount.unknown(code), "code"));
        return price(update(cartId, caller, ifMatch, cart -> {
            PricedCart priced = PricedCart.of(cart, catalog.offers(skus(cart)), null, clock.instant());
            discount.refusal(carts.shopperFor(cart, discount), priced.subtotal(), priced.currency(), clock.instant()).ifPresent(why -> {
                throw new Problem(ProblemCode.DISCOUNT_INVALID, why, "code");
            });
            return cart.withDiscountCode(code);
        }));
    }

    PricedCart removeDiscount(String cartId, Caller caller, Long ifMatch) {
        return price(update(cartId, caller, ifMatch, cart -> cart.withDiscountCode(null)));
    }

    /**
     * Folds an anonymous cart into the signed-in customer's open cart (created if need be) and
     * closes it, in one transaction. Repeating a merge that already happened answers the customer's
     * cart again, so a client may retry after a lost response.
     */
    PricedCart merge(String sourceId, Caller caller, Long ifMatch) {
        if (caller.isAnonymous()) {
            throw new Problem(ProblemCode.UNAUTHORIZED, "sign in to merge a cart into your own");
        }
        requireCartId(sourceId);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Cart source = carts.find(sourceId).orElseThrow(() -> notFound(sourceId));
            if (source.status() == CartStatus.MERGED && source.mergedInto() != null) {
                Cart target = carts.find(source.mergedInto()).filter(t -> t.isReadableBy(caller, now)).orElseThrow(() -> notFound(sourceId));
                return price(target);
            }
            if (!source.isReadableBy(caller, now)) {
                throw notFound(sourceId);
            }
            if (source.isCustomerCart()) {
                return price(source);  // the caller's own cart: nothing to merge
            }
            source.requireOpen();
            requireVersion(source, ifMatch);
            Cart target = customerCart(caller).cart().cart();
            Cart merged = target.mergedWith(source).touched(now);
            try {
                Cart saved = carts.merge(merged, source.mergedInto(target.cartId()).touched(now));
                MDC.put("mergedInto", saved.cartId());
                events.publish(CartEvent.of(CartEvent.Type.CART_MERGED, saved, caller, now));
                return price(saved);
            } catch (CartStore.Stale e) {
                if (ifMatch != null && e.index() == 1) {
                    throw versionConflict(sourceId);
                }
                backoff(attempt);
            }
        }
        throw busy();
    }

    /** The customer's open, unexpired cart, or a new one pointed to in a race-free way. */
    private Opened customerCart(Caller caller) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            String currentId = carts.currentCartIdOf(caller.subject()).orElse(null);
            Cart current = currentId == null ? null : carts.find(currentId).orElse(null);
            if (current != null && current.status() == CartStatus.OPEN && !current.isExpired(now)) {
                return new Opened(price(current), false);
            }
            try {
                Cart created = carts.createForCustomer(Cart.open(CartId.random(), caller.subject(), now), currentId);
                events.publish(CartEvent.of(CartEvent.Type.CART_CREATED, created, caller, now));
                return new Opened(price(created), true);
            } catch (CartStore.Stale e) {
                backoff(attempt);
            }
        }
        throw busy();
    }

    private Cart update(String cartId, Caller caller, Long ifMatch, UnaryOperator<Cart> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Cart current = readable(cartId, caller, now).requireOpen();
            requireVersion(current, ifMatch);
            Cart changed = change.apply(current);
            if (changed.equals(current)) {
                return current;  // nothing to change: no write, no new version
            }
            try {
                Cart saved = carts.save(changed.touched(now));
                if (attempt > 1) {
                    LOG.info("cart saved after {} attempts", attempt);
                }
                return saved;
            } catch (CartStore.Stale e) {
                if (ifMatch != null) {
                    throw versionConflict(cartId);
                }
                backoff(attempt);
            }
        }
        throw busy();
    }

    private Cart readable(String cartId, Caller caller, Instant now) {
        requireCartId(cartId);
        return carts.find(cartId).filter(cart -> cart.isReadableBy(caller, now)).orElseThrow(() -> notFound(cartId));
    }

    private Offer offerOf(String sku) {
        Offer offer = catalog.offers(List.of(sku)).get(sku);
        if (offer == null) {
            throw Cart.skuUnavailable(sku);
        }
        return offer;
    }

    private PricedCart price(Cart cart) {
        return carts.price(cart);
    }

    private static List<String> skus(Cart cart) {
        return cart.lines().stream().map(CartLine::sku).toList();
    }

    static void requireCartId(String cartId) {
        if (!CartId.isValid(cartId)) {
            throw notFound(cartId);
        }
    }

    private static void requireVersion(Cart cart, Long ifMatch) {
        if (ifMatch != null && cart.version() != ifMatch) {
            throw versionConflict(cart.cartId());
        }
    }

    private static Problem notFound(String cartId) {
        return Problem.notFound("cart " + Problem.quote(cartId));
    }

    private static Problem versionConflict(String cartId) {
        return new Problem(ProblemCode.VERSION_CONFLICT, "cart " + cartId
                + " changed since the version in If-Match; read it again (its ETag is the current version) and retry");
    }

    private static Problem busy() {
        return new Problem(ProblemCode.CONFLICT, "the cart is being changed by many requests at once; try again");
    }

    /** Jittered exponential backoff, at most 100 ms: lets the winner's write settle before reading again. */
    private static void backoff(int attempt) {
        long cap = Math.min(100, 4L << Math.min(attempt, 5));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }
}
