package dev.storefront.http;

import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBodyTest {

    private static ProblemCode codeOf(String body) {
        try {
            JsonBody.parse(body).allowOnly("a", "n", "o").integer("n", 0, 10);
            return null;
        } catch (Problem p) {
            return p.code();
        }
    }

    @Test
    void malformed_bodies_are_malformed_json_problems() {
        assertThat(codeOf("{")).isEqualTo(ProblemCode.MALFORMED_JSON);
        assertThat(codeOf("[1]")).isEqualTo(ProblemCode.MALFORMED_JSON);
        assertThat(codeOf("{\"n\":1} {\"n\":2}")).isEqualTo(ProblemCode.MALFORMED_JSON);
        assertThat(codeOf("{\"n\":1,\"n\":2}")).isEqualTo(ProblemCode.MALFORMED_JSON);
        assertThat(codeOf("")).isEqualTo(ProblemCode.MALFORMED_JSON);
        assertThat(codeOf("{\"o\":" + "[".repeat(40) + "]".repeat(40) + ",\"n\":1}")).isEqualTo(ProblemCode.MALFORMED_JSON);
    }

    @Test
    void oversized_bodies_are_413() {
        assertThat(codeOf("{\"a\":\"" + "x".repeat(JsonBody.MAX_BYTES) + "\"}")).isEqualTo(ProblemCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void integers_are_strict() {
        assertThat(codeOf("{\"n\":3}")).isNull();
        assertThat(codeOf("{\"n\":3.0}")).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(codeOf("{\"n\":1e1}")).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(codeOf("{\"n\":\"3\"}")).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(codeOf("{\"n\":-1}")).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(codeOf("{\"n\":99999999999999999999999999}")).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(codeOf("{\"n\":null}")).isEqualTo(ProblemCode.VALIDATION_FAILED);
    }

    @Test
    void unknown_fields_are_named_with_their_path_and_quoted() {
        assertThatThrownBy(() -> JsonBody.parse("{\"n\":1,\"price\":5}").allowOnly("n"))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.field()).isEqualTo("price");
                    assertThat(p.detail()).contains("'price'");
                });
        assertThatThrownBy(() -> JsonBody.parse("{\"o\":{\"<b>\":1}}").object("o").allowOnly("x"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.detail()).contains("'o.?b?'").doesNotContain("<b>"));
    }

    @Test
    void strings_refuse_control_characters_and_broken_surrogates() {
        assertThat(JsonBody.parse("{\"a\":\"caf\\u00e9 \\ud83d\\ude00\"}").string("a", 20)).isEqualTo("café 😀");
        assertThatThrownBy(() -> JsonBody.parse("{\"a\":\"x\\u0000\"}").string("a", 20)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> JsonBody.parse("{\"a\":\"\\ud83d\"}").string("a", 20)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> JsonBody.parse("{\"a\":\"xxxxx\"}").string("a", 4)).isInstanceOf(Problem.class);
    }
}
