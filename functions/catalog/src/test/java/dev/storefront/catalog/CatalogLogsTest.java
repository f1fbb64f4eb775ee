package dev.storefront.catalog;

import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.LogCapture;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.storefront.catalog.CatalogTestData.product;
import static dev.storefront.catalog.CatalogTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Logs are structured, carry the request's ids, and never carry tokens. */
class CatalogLogsTest {

    @Test
    void each_request_logs_one_json_line_with_its_ids_and_no_token() {
        FunctionHarness admin = FunctionHarness.start("CatalogAdminFunction");
        String token = TestStack.shared().issuer().issue("ops", List.of("admin"));
        String id = unique("logged");

        try (LogCapture logs = LogCapture.start()) {
            admin.http(HttpCall.put("/admin/products/" + id).bearer(token)
                    .json(product("Paid with tok_visa", "misc", id.toUpperCase())));
            admin.http(HttpCall.put("/admin/inventory/" + id.toUpperCase()).bearer(token).json("{\"available\":\"tok_visa\"}"));

            assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("{").contains("\"productId\":\"" + id + "\"").contains("\"status\":\"201\"")
                    .contains("\"requestId\":").contains("\"durationMs\":"));
            assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
                    .contains("\"sku\":\"" + id.toUpperCase() + "\"").contains("\"status\":\"400\""));
            assertThat(logs.all()).doesNotContain(token).doesNotContain(token.substring(0, 40)).doesNotContain("tok_visa");
        }
    }
}
