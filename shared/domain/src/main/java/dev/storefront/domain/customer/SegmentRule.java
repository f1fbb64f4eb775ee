package dev.storefront.domain.customer;

import dev.storefront.domain.Problem;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which customers belong to a segment: a small declarative rule a shop stores as data, so a new
 * segment needs no deploy. Every condition that is set must hold (AND); a rule sets at least one.
 *
 * <ul>
 *   <li>{@code emailDomainEndsWith}: the domain of the order's email ends with this text, case
 *       insensitive ({@code ".edu"} matches {@code ada@cs.mit.edu});</li>
 *   <li>{@code minOrders}: the customer has placed at least this many orders;</li>
 *   <li>{@code maxOrders}: at most this many ({@code {"maxOrders": 1}} is "first order").</li>
 * </ul>
 *
 * @param emailDomainEndsWith null when the email does not matter
 * @param minOrders           null when there is no lower bound
 * @param maxOrders           null when there is no upper bound
 */
public record SegmentRule(String emailDomainEndsWith, Integer minOrders, Integer maxOrders) {

    /** Segment names: what an admin URL and a discount code's {@code segment} carry. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern DOMAIN_SUFFIX = Pattern.compile("[a-z0-9.-]{1,253}");
    public static final int MAX_ORDERS = 1_000_000;

    public SegmentRule {
        if (emailDomainEndsWith != null) {
            emailDomainEndsWith = emailDomainEndsWith.strip().toLowerCase(Locale.ROOT);
            if (!DOMAIN_SUFFIX.matcher(emailDomainEndsWith).matches() || emailDomainEndsWith.replace(".", "").isEmpty()) {
                throw Problem.invalid("emailDomainEndsWith", "emailDomainEndsWith is the end of an email domain such as '.edu' or 'example.com'"
                        + " (letters, digits, '.' and '-')");
            }
        }
        if (minOrders != null && (minOrders < 0 || minOrders > MAX_ORDERS)) {
            throw Problem.invalid("minOrders", "minOrders must be an integer from 0 to " + MAX_ORDERS);
        }
        if (maxOrders != null && (maxOrders < 0 || maxOrders > MAX_ORDERS)) {
            throw Problem.invalid("maxOrders", "maxOrders must be an integer from 0 to " + MAX_ORDERS);
        }
        if (minOrders != null && maxOrders != null && minOrders > maxOrders) {
            throw Problem.invalid("maxOrders", "maxOrders (" + maxOrders + ") must not be below minOrders (" + minOrders + "): no customer would match");
        }
        if (emailDomainEndsWith == null && minOrders == null && maxOrders == null) {
            throw Problem.invalid("rule", "a rule needs at least one of emailDomainEndsWith, minOrders, maxOrders");
        }
    }

    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String requireName(String name) {
        if (!isName(name)) {
            throw Problem.invalid("name", "a segment name is 1-32 lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    public boolean matches(CustomerFacts facts) {
        return (emailDomainEndsWith == null || facts.emailDomain().endsWith(emailDomainEndsWith))
                && (minOrders == null || facts.orderCount() >= minOrders)
                && (maxOrders == null || facts.orderCount() <= maxOrders);
    }

    /** The names of the segments whose rules the facts match, sorted. */
    public static Set<String> matching(Map<String, SegmentRule> rulesByName, CustomerFacts facts) {
        Set<String> names = new TreeSet<>();
        rulesByName.forEach((name, rule) -> {
            if (rule.matches(facts)) {
                names.add(name);
            }
        });
        return names;
    }
}
