package dev.storefront.domain;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/** An amount in the currency's minor units (cents), never floating point. */
public record Money(long amount, String currency) {

    /** Largest amount accepted anywhere: 100 million major units of a two-decimal currency. */
    public static final long MAX_AMOUNT = 10_000_000_000L;

    private static final Set<String> ISO_4217 = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    public Money {
        if (!isCurrency(currency)) {
            throw Problem.invalid("currency", "currency must be an ISO 4217 code such as EUR or USD");
        }
        if (amount < 0 || amount > MAX_AMOUNT) {
            throw Problem.invalid("amount", "amount must be an integer of minor units between 0 and " + MAX_AMOUNT);
        }
    }

    public static boolean isCurrency(String code) {
        return code != null && code.length() == 3 && ISO_4217.contains(code);
    }

    public Money times(long quantity) {
        return new Money(Math.multiplyExact(amount, quantity), currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " and " + other.currency);
        }
    }
}
