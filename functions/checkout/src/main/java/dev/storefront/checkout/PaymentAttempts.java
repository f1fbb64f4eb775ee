package dev.storefront.checkout;

import dev.storefront.attempts.AttemptStore;
import dev.storefront.domain.AttemptLimit;
import dev.storefront.domain.Caller;
import dev.storefront.domain.TooManyAttempts;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Card testing stops here: declined payments are counted per cart, per signed-in customer and per
 * source address; past a limit (template parameters DeclinedPaymentLimit, DeclinedPaymentLimitPerSource,
 * DeclinedPaymentWindowMinutes) a checkout is refused with 429 before the card is tried, whatever
 * the card. The check rides in the reservation transaction, so a checkout pays no round trip for it.
 */
@Singleton
class PaymentAttempts {

    private final AttemptStore store;
    private final Clock clock;
    private final AttemptLimit perCartOrCustomer;
    private final AttemptLimit perSource;

    PaymentAttempts(AttemptStore store, Clock clock,
                    @Value("${storefront.limits.declined-payments:5}") int perCartOrCustomer,
                    @Value("${storefront.limits.declined-payments-per-source:30}") int perSource,
                    @Value("${storefront.limits.declined-payments-window-minutes:60}") int windowMinutes) {
        this.store = store;
        this.clock = clock;
        this.perCartOrCustomer = new AttemptLimit("declined-payment", perCartOrCustomer, Duration.ofMinutes(windowMinutes));
        this.perSource = new AttemptLimit("declined-payment-source", perSource, Duration.ofMinutes(windowMinutes));
    }

    /** Condition checks for the reservation: it is cancelled when any of the shopper's counters is at its limit. */
    List<TransactWriteItem> guards(String cartId, Caller caller, String sourceIp) {
        List<TransactWriteItem> guards = new ArrayList<>(store.guards(perCartOrCustomer, owners(cartId, caller)));
        if (sourceIp != null) {
            guards.addAll(store.guards(perSource, List.of("source#" + sourceIp)));
        }
        return guards;
    }

    /** Counts a declined payment against the cart, the customer and the source. */
    void declined(String cartId, Caller caller, String sourceIp) {
        store.failed(perCartOrCustomer, owners(cartId, caller));
        if (sourceIp != null) {
            store.failed(perSource, List.of("source#" + sourceIp));
        }
    }

    /** The 429 for a checkout a guard refused, with when the first counter lets it through again. */
    TooManyAttempts refusal(String cartId, Caller caller, String sourceIp) {
        Instant now = clock.instant();
        Instant until = store.blockedUntil(perCartOrCustomer, owners(cartId, caller))
                .or(() -> sourceIp == null ? java.util.Optional.empty() : store.blockedUntil(perSource, List.of("source#" + sourceIp)))
                .orElse(now.plusSeconds(1));
        return perCartOrCustomer.refusal(until, now,
                "too many declined payments; try again later (the card was not tried)");
    }

    private static List<String> owners(String cartId, Caller caller) {
        return caller.isAnonymous() ? List.of("cart#" + cartId) : List.of("cart#" + cartId, "customer#" + caller.subject());
    }
}
