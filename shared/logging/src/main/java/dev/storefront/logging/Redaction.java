package dev.storefront.logging;

import java.util.regex.Pattern;

/**
 * What must never reach a log line, whatever a developer logs: bearer tokens and JWTs, payment
 * tokens, and card-number-like digit runs. A safety net under the rule that bodies (addresses,
 * emails) are not logged at all.
 */
public final class Redaction {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',]+");
    private static final Pattern PAYMENT_TOKEN = Pattern.compile("\\b(tok|pm|card|src)_[A-Za-z0-9]+");
    private static final Pattern CARD_NUMBER = Pattern.compile("\\b(?:\\d[ -]?){13,19}\\b");

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = JWT.matcher(text).replaceAll("[REDACTED-JWT]");
        out = BEARER.matcher(out).replaceAll("$1[REDACTED]");
        out = PAYMENT_TOKEN.matcher(out).replaceAll("[REDACTED-PAYMENT-TOKEN]");
        return CARD_NUMBER.matcher(out).replaceAll("[REDACTED-NUMBER]");
    }
}
