package dev.storefront.cart;

import dev.storefront.attempts.AttemptStore;
import dev.storefront.domain.AttemptLimit;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Discount codes cannot be guessed: wrong codes are counted per cart and per caller (a signed-in
 * customer, else the source address); past a limit (template parameters WrongDiscountCodeLimit and
 * WrongDiscountCodeWindowMinutes) every code is refused with 429, valid or not, until the window
 * ends.
 */
@Singleton
class DiscountAttempts {

    private final AttemptStore store;
    private final Clock clock;
    private final AttemptLimit perCart;
    private final AttemptLimit perCaller;

    DiscountAttempts(AttemptStore store, Clock clock,
                     @Value("${storefront.limits.wrong-discount-codes:10}") int max,
                     @Value("${storefront.limits.wrong-discount-codes-window-minutes:10}") int windowMinutes) {
        this.store = store;
        this.clock = clock;
        this.perCart = new AttemptLimit("wrong-code-cart", max, Duration.ofMinutes(windowMinutes));
        this.perCaller = new AttemptLimit("wrong-code-caller", max, Duration.ofMinutes(windowMinutes));
    }

    /** Tries a code unless the cart or the caller is blocked; a refused code (DISCOUNT_INVALID) counts against both. */
    <T> T attempt(String cartId, Caller caller, String sourceIp, Supplier<T> apply) {
        List<String> cart = List.of("cart#" + cartId);
        List<String> who = caller.isAnonymous() ? (sourceIp == null ? List.of() : List.of("source#" + sourceIp)) : List.of("customer#" + caller.subject());
        Optional<java.time.Instant> until = store.blockedUntil(perCart, cart).or(() -> store.blockedUntil(perCaller, who));
        if (until.isPresent()) {
            throw perCart.refusal(until.get(), clock.instant(), "too many wrong discount codes; try again later");
        }
        try {
            return apply.get();
        } catch (Problem e) {
            if (e.code() == ProblemCode.DISCOUNT_INVALID) {
                store.failed(perCart, cart);
                store.failed(perCaller, who);
            }
            throw e;
        }
    }
}
