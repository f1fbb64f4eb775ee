package dev.storefront.domain.order;

import dev.storefront.domain.Problem;

import java.util.regex.Pattern;

/** A deliverable-looking email address: one @, a dotted domain, no spaces, at most 254 characters. */
public final class Email {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s\"<>()\\[\\],;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+");

    private Email() {
    }

    public static String require(String email) {
        if (email == null || email.length() > 254 || !SHAPE.matcher(email).matches()) {
            throw Problem.invalid("email", "email must be an address such as ada@example.com");
        }
        return email;
    }
}
