package dev.storefront.domain;

/**
 * A request the shop refuses, with a stable machine code. Thrown by domain and persistence code,
 * rendered as RFC 9457 problem+json by the HTTP layer. Never carries a stack trace to a client.
 */
public class Problem extends RuntimeException {

    private final ProblemCode code;
    private final String field;

    public Problem(ProblemCode code, String detail) {
        this(code, detail, null);
    }

    public Problem(ProblemCode code, String detail, String field) {
        super(detail, null, false, false);
        this.code = code;
        this.field = field;
    }

    public static Problem invalid(String field, String detail) {
        return new Problem(ProblemCode.VALIDATION_FAILED, detail, field);
    }

    public static Problem notFound(String what) {
        return new Problem(ProblemCode.NOT_FOUND, what + " was not found");
    }

    public ProblemCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    /** The request field at fault, when there is one. */
    public String field() {
        return field;
    }

    /**
     * Quotes client-supplied text for a problem detail: printable ASCII only, at most 64 characters,
     * so nothing a client sends is reflected back verbatim (no markup, no control characters).
     */
    public static String quote(String clientText) {
        if (clientText == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(clientText.length(), 64);
        for (int i = 0; i < limit; i++) {
            char c = clientText.charAt(i);
            out.append(Character.isLetterOrDigit(c) && c < 128 || " _.:-#/@+".indexOf(c) >= 0 ? c : '?');
        }
        if (clientText.length() > limit) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}
