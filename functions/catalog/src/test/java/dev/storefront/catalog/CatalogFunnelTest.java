package dev.storefront.catalog;

import dev.storefront.testsupport.QueueInbox;
import dev.storefront.testsupport.EventSchemas;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.storefront.catalog.CatalogTestData.product;
import static dev.storefront.catalog.CatalogTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A product page served is a product.viewed on the real analytics-events queue, with who looked. */
class CatalogFunnelTest {

    static FunctionHarness catalog;
    static FunctionHarness admin;

    @BeforeAll
    static void start() {
        catalog = FunctionHarness.start("CatalogFunction");
        admin = FunctionHarness.start("CatalogAdminFunction");
    }

    @Test
    void a_product_page_records_one_product_viewed_with_the_visitor_and_the_signed_in_customer() {
        String id = newProduct();
        String visitor = unique("v");

        HttpResult read = catalog.http(HttpCall.get("/products/" + id).header("X-Visitor-Id", visitor).as("ada-" + visitor));

        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        QueueInbox.Received viewed = await().atMost(Duration.ofSeconds(5))
                .until(() -> QueueInbox.analyticsEvents().ofVisitor(visitor), events -> !events.isEmpty()).get(0);
        EventSchemas.assertValid(viewed.body());
        assertThat(QueueInbox.analyticsEvents().ofVisitor(visitor)).hasSize(1);
        assertThat(viewed.type()).isEqualTo("product.viewed");
        assertThat(viewed.data().path("productId").asText()).isEqualTo(id);
        assertThat(viewed.text("customerId")).isEqualTo("ada-" + visitor);
        assertThat(viewed.text("cartId")).isNull();
        assertThat(UUID.fromString(viewed.eventId()).version()).as("a random event id").isEqualTo(4);
        assertThat(viewed.attributes()).containsEntry("type", "product.viewed").containsEntry("eventId", viewed.eventId());
    }

    @Test
    void a_bad_visitor_header_or_token_is_ignored_by_the_funnel_and_never_fails_the_page() {
        String id = newProduct();

        HttpResult badVisitor = catalog.http(HttpCall.get("/products/" + id).header("X-Visitor-Id", "<script>alert(1)</script>"));
        HttpResult forgedToken = catalog.http(HttpCall.get("/products/" + id).header("X-Visitor-Id", "v-forged-" + id)
                .bearer("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."));

        assertThat(badVisitor.status()).isEqualTo(200);
        assertThat(forgedToken.status()).isEqualTo(200);
        List<QueueInbox.Received> views = await().atMost(Duration.ofSeconds(5)).until(
                () -> QueueInbox.analyticsEvents().matching(e -> id.equals(e.data().path("productId").asText())), events -> events.size() == 2);
        assertThat(views).allSatisfy(e -> EventSchemas.assertValid(e.body()));
        assertThat(views).extracting(e -> e.text("visitorId")).containsExactlyInAnyOrder(null, "v-forged-" + id);
        assertThat(views).extracting(e -> e.text("customerId")).containsOnlyNulls();
    }

    @Test
    void a_product_that_does_not_exist_is_not_a_view() {
        String visitor = unique("v");

        HttpResult missing = catalog.http(HttpCall.get("/products/" + unique("nothing")).header("X-Visitor-Id", visitor));
        HttpResult malformed = catalog.http(HttpCall.get("/products/NOT_AN_ID").header("X-Visitor-Id", visitor));

        assertThat(missing.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(QueueInbox.analyticsEvents().ofVisitor(visitor)).isEmpty();
    }

    private static String newProduct() {
        String id = unique("viewed");
        HttpResult created = admin.http(HttpCall.put("/admin/products/" + id).as("ops", "admin")
                .json(product("Viewed " + id, "funnel", id.toUpperCase() + "-M")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }
}
