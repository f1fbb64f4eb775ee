package dev.storefront.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/**
 * Self-contained admin pages (the KPI dashboard, the order desk): text into HTML and SVG, and the
 * answer that carries a page with the headers that keep it self-contained.
 */
public final class Html {

    /** Nothing external may load and no script runs: inline styles and the page's own forms only. */
    public static final String PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private Html() {
    }

    /** Text into element content and attribute values alike. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A 200 with the page, under {@link #PAGE_CSP}, never cached (admin pages hold personal data). */
    public static MutableHttpResponse<String> page(String html) {
        return HttpResponse.ok(html)
                .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                .header("content-security-policy", PAGE_CSP)
                .header("x-content-type-options", "nosniff")
                .header("referrer-policy", "no-referrer")
                .header("cache-control", "no-store");
    }
}
