package dev.storefront.domain.customer;

import java.util.Locale;

/**
 * What segment rules look at when a customer places an order: the email of that order (used for
 * this evaluation and never stored) and how many orders the customer has placed, this one included.
 */
public record CustomerFacts(String email, long orderCount) {

    /** The part of the email after the last '@', lower case; empty when there is none. */
    public String emailDomain() {
        if (email == null) {
            return "";
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }
}
