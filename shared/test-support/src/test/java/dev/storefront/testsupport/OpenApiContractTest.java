package dev.storefront.testsupport;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract checker on hand-made exchanges against the repository's docs/openapi.yaml. */
class OpenApiContractTest {

    static final OpenApiContract SPEC = OpenApiContract.repo();
    static final Map<String, List<String>> JSON = Map.of("content-type", List.of("application/json"));
    static final Map<String, List<String>> PROBLEM = Map.of("content-type", List.of("application/problem+json"));
    static final String STOCK = "{\"sku\":\"WOOL-SOCK-M\",\"productId\":\"wool-sock\",\"available\":40}";
    static final String BAD_REQUEST = """
            {"type":"https://storefront.dev/problems/validation-failed","title":"The request is invalid","status":400,\
            "detail":"unknown field 'price'","code":"VALIDATION_FAILED","field":"price"}""";

    static OpenApiContract.Exchange putStock(String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody) {
        return new OpenApiContract.Exchange("PUT", "/admin/inventory/WOOL-SOCK-M",
                Map.of("content-type", List.of("application/json"), "authorization", List.of("Bearer x")), requestBody,
                status, responseHeaders, responseBody);
    }

    @Test
    void a_documented_exchange_conforms() {
        assertThat(SPEC.violations(putStock("{\"available\":40}", 200, JSON, STOCK))).isEmpty();
    }

    @Test
    void a_response_field_the_spec_lacks_or_misses_is_named() {
        List<String> extra = SPEC.violations(putStock("{\"available\":40}", 200, JSON, STOCK.replace("}", ",\"reserved\":1}")));
        List<String> missing = SPEC.violations(putStock("{\"available\":40}", 200, JSON, "{\"sku\":\"WOOL-SOCK-M\",\"available\":40}"));

        assertThat(extra).singleElement().asString().startsWith("response body at /").contains("reserved");
        assertThat(missing).singleElement().asString().contains("productId");
    }

    @Test
    void an_undocumented_status_or_media_type_is_a_mismatch() {
        assertThat(SPEC.violations(putStock("{\"available\":40}", 418, JSON, STOCK))).singleElement().asString().contains("418");
        assertThat(SPEC.violations(putStock("{\"available\":40}", 400, JSON, BAD_REQUEST))).singleElement().asString()
                .contains("content-type application/json");
    }

    @Test
    void a_request_the_spec_refuses_is_fine_when_the_api_refuses_it_too_and_a_mismatch_when_it_is_accepted() {
        String unknownField = "{\"available\":40,\"price\":1}";

        assertThat(SPEC.violations(putStock(unknownField, 400, PROBLEM, BAD_REQUEST))).isEmpty();
        assertThat(SPEC.violations(putStock(unknownField, 200, JSON, STOCK))).singleElement().asString()
                .startsWith("the request breaks the spec but was answered 200: request body").contains("price");
    }

    @Test
    void parameters_are_checked_with_their_types() {
        OpenApiContract.Exchange page = new OpenApiContract.Exchange("GET", "/products?limit=abc", Map.of(), null, 200, JSON,
                "{\"items\":[],\"nextCursor\":null}");
        assertThat(SPEC.violations(page)).singleElement().asString().contains("query parameter limit");
    }

    @Test
    void assert_conforms_names_the_method_and_path() {
        assertThatThrownBy(() -> SPEC.assertConforms(putStock("{\"available\":40}", 200, JSON, "{}")))
                .hasMessageStartingWith("PUT /admin/inventory/WOOL-SOCK-M -> 200 does not match docs/openapi.yaml");
    }
}
