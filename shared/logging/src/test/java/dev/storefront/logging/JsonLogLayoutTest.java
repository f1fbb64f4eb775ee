package dev.storefront.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogLayoutTest {

    private static String layout(String message, Map<String, String> mdc, Throwable error) {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.storefront.test"), Level.INFO, message, error, null);
        event.setMDCPropertyMap(mdc);
        JsonLogLayout layout = new JsonLogLayout();
        layout.setContext(context);
        return layout.doLayout(event);
    }

    @Test
    void a_line_is_one_json_object_with_the_mdc_fields() {
        String line = layout("checkout \"quoted\"\nnext", Map.of("requestId", "r-1", "cartId", "c-9"), null);

        assertThat(line).endsWith("}\n").doesNotContain("\nnext");
        assertThat(line).contains("\"requestId\":\"r-1\"").contains("\"cartId\":\"c-9\"")
                .contains("\"message\":\"checkout \\\"quoted\\\"\\nnext\"").contains("\"level\":\"INFO\"");
    }

    @Test
    void tokens_jwts_and_card_numbers_never_reach_the_line() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        String line = layout("auth Bearer abc.def.ghi paid with tok_visa card 4242 4242 4242 4242 token " + jwt,
                Map.of("authorization", "Bearer " + jwt), new IllegalStateException("bad tok_chargeDeclined"));

        assertThat(line).doesNotContain(jwt).doesNotContain("tok_visa").doesNotContain("tok_chargeDeclined")
                .doesNotContain("4242 4242 4242 4242").doesNotContain("abc.def.ghi");
        assertThat(line).contains("[REDACTED");
    }
}
