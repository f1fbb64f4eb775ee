package dev.storefront.local;

import dev.storefront.samlocal.HttpRoute;
import dev.storefront.samlocal.SamFunction;
import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, route by route (OWASP API1/API5): every route of template.yaml called by the
 * owner of a customer's cart and order, another customer, an anonymous caller and an admin, over
 * HTTP through the local runtime. Another customer's cart or order does not exist for anyone else
 * (404, never 403); admin routes are 401 without a token and 403 for customers. A route added to
 * the template without a row here fails this test.
 */
class OwnershipMatrixTest {

    enum Who { OWNER, OTHER, ANONYMOUS, ADMIN }

    /** What a caller may get: a success, or exactly one refusal. */
    enum Expect { OK, NOT_FOUND, UNAUTHORIZED, FORBIDDEN }

    record Row(String method, Function<Fixture, String> path, String body, Map<Who, Expect> expect) {
    }

    /** What the owner has: a cart with a line, a placed order; and a SKU and discount code admins may touch. */
    /** {@code orderId}: delivered (returns, refunds); {@code heldOrderId}: with the partner (the desk's actions). */
    record Fixture(String cartId, String orderId, String heldOrderId, String sku, String productId, String code) {
    }

    static Map<Who, Expect> everyone(Expect e) {
        return Map.of(Who.OWNER, e, Who.OTHER, e, Who.ANONYMOUS, e, Who.ADMIN, e);
    }

    static Map<Who, Expect> ownerOnly() {
        return Map.of(Who.OWNER, Expect.OK, Who.OTHER, Expect.NOT_FOUND, Who.ANONYMOUS, Expect.NOT_FOUND, Who.ADMIN, Expect.NOT_FOUND);
    }

    static Map<Who, Expect> adminOnly() {
        return Map.of(Who.OWNER, Expect.FORBIDDEN, Who.OTHER, Expect.FORBIDDEN, Who.ANONYMOUS, Expect.UNAUTHORIZED, Who.ADMIN, Expect.OK);
    }

    static final Map<String, Row> MATRIX = new LinkedHashMap<>();

    static {
        row("GET /products", "GET", f -> "/products", null, everyone(Expect.OK));
        row("GET /products/{productId}", "GET", f -> "/products/" + f.productId(), null, everyone(Expect.OK));
        row("GET /categories", "GET", f -> "/categories", null, everyone(Expect.OK));
        row("GET /products/{productId}/recommendations", "GET", f -> "/products/" + f.productId() + "/recommendations", null, everyone(Expect.OK));
        row("GET /search", "GET", f -> "/search?q=trail", null, everyone(Expect.OK));
        row("GET /search/suggest", "GET", f -> "/search/suggest?q=tra", null, everyone(Expect.OK));
        row("PUT /admin/products/{productId}", "PUT", f -> "/admin/products/" + f.productId(),
                "{\"name\":\"Matrix\",\"category\":\"matrix\",\"variants\":[{\"sku\":\"SKU\",\"price\":{\"amount\":100,\"currency\":\"EUR\"}}]}", adminOnly());
        row("PUT /admin/inventory/{sku}", "PUT", f -> "/admin/inventory/" + f.sku(), "{\"available\":50}", adminOnly());
        // Shipping zones and tax rates (catalog admin); IS is in no seeded zone.
        row("PUT /admin/shipping-zones/{zoneId}", "PUT", f -> "/admin/shipping-zones/matrix",
                "{\"name\":\"Matrix\",\"countries\":[\"IS\"],\"methods\":[{\"methodId\":\"post\",\"name\":\"Post\",\"carrier\":\"Posturinn\","
                        + "\"deliveryDays\":{\"min\":3,\"max\":6},\"rate\":{\"kind\":\"FLAT\",\"amount\":1500}}]}", adminOnly());
        row("GET /admin/shipping-zones", "GET", f -> "/admin/shipping-zones", null, adminOnly());
        row("PUT /admin/tax-rates/{country}", "PUT", f -> "/admin/tax-rates/IS", "{\"pricesIncludeTax\":true,\"rates\":{\"standard\":2400,\"reduced\":1100}}", adminOnly());
        row("GET /admin/tax-rates", "GET", f -> "/admin/tax-rates", null, adminOnly());
        row("PUT /admin/discounts/{code}", "PUT", f -> "/admin/discounts/" + f.code(), "{\"kind\":\"PERCENTAGE\",\"percentOff\":5}", adminOnly());
        row("POST /carts", "POST", f -> "/carts", null, everyone(Expect.OK));
        row("GET /carts/{cartId}", "GET", f -> "/carts/" + f.cartId(), null, ownerOnly());
        row("POST /carts/{cartId}/items", "POST", f -> "/carts/" + f.cartId() + "/items", "{\"sku\":\"SKU\",\"quantity\":1}", ownerOnly());
        row("PUT /carts/{cartId}/items/{sku}", "PUT", f -> "/carts/" + f.cartId() + "/items/" + f.sku(), "{\"quantity\":2}", ownerOnly());
        row("DELETE /carts/{cartId}/items/{sku}", "DELETE", f -> "/carts/" + f.cartId() + "/items/NOT-IN-CART", null, ownerOnly());
        row("POST /carts/{cartId}/discount", "POST", f -> "/carts/" + f.cartId() + "/discount", "{\"code\":\"WELCOME10\"}", ownerOnly());
        row("DELETE /carts/{cartId}/discount", "DELETE", f -> "/carts/" + f.cartId() + "/discount", null, ownerOnly());
        row("GET /carts/{cartId}/shipping-options", "GET", f -> "/carts/" + f.cartId() + "/shipping-options?country=DE", null, ownerOnly());
        row("PUT /carts/{cartId}/shipping", "PUT", f -> "/carts/" + f.cartId() + "/shipping", "{\"country\":\"DE\",\"methodId\":\"standard\"}", ownerOnly());
        // Merging someone else's cart into yours: the cart does not exist for you. Anonymous callers must sign in first.
        row("POST /carts/{cartId}/merge", "POST", f -> "/carts/" + f.cartId() + "/merge", null,
                Map.of(Who.OTHER, Expect.NOT_FOUND, Who.ANONYMOUS, Expect.UNAUTHORIZED, Who.ADMIN, Expect.NOT_FOUND));
        row("POST /carts/{cartId}/checkout", "POST", f -> "/carts/" + f.cartId() + "/checkout", CheckoutScenarios.BODY.formatted("tok_visa"),
                Map.of(Who.OTHER, Expect.NOT_FOUND, Who.ANONYMOUS, Expect.NOT_FOUND, Who.ADMIN, Expect.NOT_FOUND));
        row("GET /orders/{orderId}", "GET", f -> "/orders/" + f.orderId(), null, ownerOnly());
        row("GET /orders", "GET", f -> "/orders", null,
                Map.of(Who.OWNER, Expect.OK, Who.OTHER, Expect.OK, Who.ANONYMOUS, Expect.UNAUTHORIZED, Who.ADMIN, Expect.OK));
        row("POST /orders/{orderId}/payment/confirm", "POST", f -> "/orders/" + f.orderId() + "/payment/confirm", null, ownerOnly());
        // The processor's webhook: no token makes a difference, only its signature (none here: 401 for everyone).
        row("POST /webhooks/payments", "POST", f -> "/webhooks/payments", "{\"id\":\"evt_matrix\"}", everyone(Expect.UNAUTHORIZED));
        row("POST /orders/{orderId}/cancel", "POST", f -> "/orders/" + f.orderId() + "/cancel", null, ownerOnly());
        // Returns and refunds on the fixture's order, delivered by then; the refund is an audited admin write.
        row("POST /orders/{orderId}/returns", "POST", f -> "/orders/" + f.orderId() + "/returns", "{\"lines\":[{\"sku\":\"SKU\",\"quantity\":1}]}", ownerOnly());
        row("POST /admin/orders/{orderId}/refunds", "POST", f -> "/admin/orders/" + f.orderId() + "/refunds", "{\"amount\":1,\"reason\":\"matrix\"}", adminOnly());
        // Insights (KPIs): admin only.
        row("GET /admin/kpis", "GET", f -> "/admin/kpis?from=2025-03-01&to=2025-03-07", null, adminOnly());
        row("GET /admin/kpis/dashboard", "GET", f -> "/admin/kpis/dashboard", null, adminOnly());
        row("GET /admin/kpis/weekly", "GET", f -> "/admin/kpis/weekly?week=2025-W10", null, adminOnly());
        row("GET /admin/cohorts", "GET", f -> "/admin/cohorts?from=2025-01&to=2025-03", null, adminOnly());
        row("PUT /admin/campaigns/{campaignId}", "PUT", f -> "/admin/campaigns/matrix",
                "{\"name\":\"Matrix\",\"spend\":[{\"date\":\"2025-03-01\",\"amount\":100,\"currency\":\"EUR\"}]}", adminOnly());
        // Segments (insights admin): the PUT comes first, so the segment exists when the admin lists its members.
        row("PUT /admin/segments/{name}", "PUT", f -> "/admin/segments/matrix", "{\"minOrders\":50}", adminOnly());
        row("GET /admin/segments", "GET", f -> "/admin/segments", null, adminOnly());
        row("GET /admin/segments/{name}/customers", "GET", f -> "/admin/segments/matrix/customers?limit=5", null, adminOnly());
        // Order desk: dead letters, the audit log, orders and the reconciler's last run.
        row("GET /admin/dead-letters", "GET", f -> "/admin/dead-letters", null, adminOnly());
        row("POST /admin/dead-letters/{queue}/redrive", "POST", f -> "/admin/dead-letters/notifications/redrive", null, adminOnly());
        row("GET /admin/audit", "GET", f -> "/admin/audit", null, adminOnly());
        row("GET /admin/orders", "GET", f -> "/admin/orders?limit=5", null, adminOnly());
        row("GET /admin/orders/{orderId}", "GET", f -> "/admin/orders/" + f.orderId(), null, adminOnly());
        row("GET /admin/desk", "GET", f -> "/admin/desk?orderId=" + f.orderId(), null, adminOnly());
        row("GET /admin/reconciliation", "GET", f -> "/admin/reconciliation", null, adminOnly());
        // The admin's note and resend come before its cancel, on the order the partner holds.
        row("POST /admin/orders/{orderId}/notes", "POST", f -> "/admin/orders/" + f.heldOrderId() + "/notes", "{\"text\":\"matrix\"}", adminOnly());
        row("POST /admin/orders/{orderId}/fulfilment/resend", "POST", f -> "/admin/orders/" + f.heldOrderId() + "/fulfilment/resend", null, adminOnly());
        row("POST /admin/orders/{orderId}/cancel", "POST", f -> "/admin/orders/" + f.heldOrderId() + "/cancel", null, adminOnly());
        // Outbound webhooks: the PUT (inactive: nothing is sent to it) comes first, so the reads find it.
        row("PUT /admin/webhooks/{webhookId}", "PUT", f -> "/admin/webhooks/matrix",
                "{\"url\":\"http://127.0.0.1:9/matrix\",\"events\":[\"order.placed\"],\"active\":false}", adminOnly());
        row("GET /admin/webhooks/{webhookId}", "GET", f -> "/admin/webhooks/matrix", null, adminOnly());
        row("GET /admin/webhooks/{webhookId}/deliveries", "GET", f -> "/admin/webhooks/matrix/deliveries", null, adminOnly());
    }

    static void row(String routeKey, String method, Function<Fixture, String> path, String body, Map<Who, Expect> expect) {
        MATRIX.put(routeKey, new Row(method, path, body, expect));
    }

    final LocalRuntime runtime = SharedRuntime.get();
    final ApiClient api = new ApiClient(runtime.baseUrl());

    @Test
    void every_route_in_the_template_has_a_row() {
        TreeSet<String> routes = new TreeSet<>();
        for (SamFunction function : SamTemplate.load(SamTemplate.findRepoRoot().resolve("template.yaml")).functions()) {
            function.httpRoutes().stream().map(HttpRoute::routeKey).forEach(routes::add);
        }
        assertThat(new TreeSet<>(MATRIX.keySet())).isEqualTo(routes);
    }

    @Test
    void each_caller_gets_exactly_what_the_matrix_says_and_refusals_change_nothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<Who, String> tokens = Map.of(Who.OWNER, runtime.token("owner-" + suffix), Who.OTHER, runtime.token("other-" + suffix),
                Who.ADMIN, runtime.token("admin-" + suffix, "admin"));
        Fixture fixture = fixture(tokens.get(Who.OWNER), suffix);
        List<String> failures = new ArrayList<>();
        java.time.Instant started = java.time.Instant.now().minusSeconds(1);
        TreeSet<String> adminWrites = new TreeSet<>();
        // Refusals first, so the owner's own changes (cancel, checkout) come last.
        for (Who who : List.of(Who.OTHER, Who.ANONYMOUS, Who.ADMIN, Who.OWNER)) {
            MATRIX.forEach((routeKey, row) -> {
                Expect expected = row.expect().get(who);
                if (expected == null) {
                    return;
                }
                String path = row.path().apply(fixture);
                String body = row.body() == null ? null : row.body().replace("\"SKU\"", "\"" + fixture.sku() + "\"");
                ApiClient.Response response = api.send(row.method(), path, body, tokens.get(who),
                        "idempotency-key", "matrix-" + who + "-" + suffix);
                if (who == Who.ADMIN && !row.method().equals("GET") && routeKey.contains(" /admin/") && response.status() / 100 == 2) {
                    adminWrites.add(routeKey);
                }
                if (!matches(expected, response.status())) {
                    failures.add(who + " " + routeKey + " expected " + expected + " got " + response.status() + " " + response.body());
                }
                failures.addAll(headerFailures(who + " " + routeKey, response));
            });
        }
        assertThat(failures).isEmpty();
        assertThat(adminWrites).as("every admin write route succeeded for the admin").isEqualTo(new TreeSet<>(MATRIX.keySet().stream()
                .filter(k -> !k.startsWith("GET ") && k.contains(" /admin/")).toList()));
        assertThat(audited("admin-" + suffix, started, tokens.get(Who.ADMIN))).as("every admin write is in the audit log").isEqualTo(adminWrites);
        ApiClient.Response others = api.send("GET", "/orders", null, tokens.get(Who.OTHER));
        assertThat(others.json().path("items")).extracting(o -> o.path("orderId").asText()).doesNotContain(fixture.orderId());
    }

    /**
     * Every answer a function gives, success or refusal, says nosniff and no-store: carts, orders,
     * checkouts and segment members are personal data, and no route of the API opts into caching.
     * The gateway's own answers ({"message":...}: API Gateway's 401/404) carry no data and cannot
     * be given headers in an HTTP API.
     */
    static List<String> headerFailures(String call, ApiClient.Response response) {
        if (response.body().startsWith("{\"message\":")) {
            return List.of();
        }
        List<String> failures = new ArrayList<>();
        if (!"nosniff".equals(response.header("x-content-type-options"))) {
            failures.add(call + " " + response.status() + " without X-Content-Type-Options: nosniff");
        }
        if (!"no-store".equals(response.header("cache-control"))) {
            failures.add(call + " " + response.status() + " with Cache-Control " + response.header("cache-control"));
        }
        return failures;
    }

    /** The actions the audit log holds for one actor since {@code from}, every page read. */
    private TreeSet<String> audited(String actor, java.time.Instant from, String adminToken) {
        TreeSet<String> actions = new TreeSet<>();
        String cursor = null;
        do {
            ApiClient.Response page = api.send("GET", "/admin/audit?limit=100&from=" + from + (cursor == null ? "" : "&cursor=" + cursor), null, adminToken);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().path("items").forEach(item -> {
                if (item.path("actor").asText().equals(actor)) {
                    actions.add(item.path("action").asText());
                }
            });
            cursor = page.json().hasNonNull("nextCursor") ? page.json().path("nextCursor").asText() : null;
        } while (cursor != null);
        return actions;
    }

    private Fixture fixture(String owner, String suffix) {
        String admin = runtime.token("fixture-admin", "admin");
        String productId = "matrix-" + suffix;
        String sku = productId.toUpperCase();
        assertThat(api.put("/admin/products/" + productId, "{\"name\":\"Matrix\",\"category\":\"matrix\",\"variants\":[{\"sku\":\"" + sku
                + "\",\"price\":{\"amount\":100,\"currency\":\"EUR\"}}]}", admin).status()).isEqualTo(201);
        assertThat(api.put("/admin/inventory/" + sku, "{\"available\":50}", admin).status()).isEqualTo(200);
        String orderCart = api.send("POST", "/carts", null, owner).json().path("cartId").asText();
        api.send("POST", "/carts/" + orderCart + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}", owner);
        ApiClient.Response order = api.send("POST", "/carts/" + orderCart + "/checkout", CheckoutScenarios.BODY.formatted("tok_visa"), owner,
                "idempotency-key", "fixture-" + suffix);
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        deliver(order.json().path("orderId").asText(), owner);
        // A second order, left FULFILMENT_REQUESTED, for the desk's actions (resend and cancel need an order the partner holds).
        String deskCart = api.send("POST", "/carts", null, owner).json().path("cartId").asText();
        api.send("POST", "/carts/" + deskCart + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}", owner);
        ApiClient.Response held = api.send("POST", "/carts/" + deskCart + "/checkout", CheckoutScenarios.BODY.formatted("tok_visa"), owner,
                "idempotency-key", "fixture-desk-" + suffix);
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        String heldId = held.json().path("orderId").asText();
        org.awaitility.Awaitility.await().atMost(FulfilmentScenarios.PATIENCE).until(() ->
                "FULFILMENT_REQUESTED".equals(api.send("GET", "/orders/" + heldId, null, owner).json().path("status").asText()));
        String cartId = api.send("POST", "/carts", null, owner).json().path("cartId").asText();
        api.send("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}", owner);
        return new Fixture(cartId, order.json().path("orderId").asText(), heldId, sku, productId, "MATRIX" + suffix.toUpperCase());
    }

    /** The partner (this test) takes the order to DELIVERED over the real queues: its payment is captured, it may be returned. */
    private void deliver(String orderId, String owner) {
        org.awaitility.Awaitility.await().atMost(FulfilmentScenarios.PATIENCE).until(() ->
                api.send("GET", "/orders/" + orderId, null, owner).json().path("status").asText().equals("FULFILMENT_REQUESTED"));
        String url = runtime.resources().queueUrl("FulfilmentUpdatesQueue");
        for (String type : List.of("fulfilment.accepted", "fulfilment.shipped", "fulfilment.delivered")) {
            String data = type.equals("fulfilment.shipped") ? "{\"carrier\":\"DHL\",\"trackingNumber\":\"JD01\"}" : "{}";
            runtime.sqs().sendMessage(r -> r.queueUrl(url).messageGroupId(orderId).messageDeduplicationId(UUID.randomUUID().toString())
                    .messageBody(FulfilmentScenarios.update(orderId, type, UUID.randomUUID().toString(), data)));
        }
        org.awaitility.Awaitility.await().atMost(FulfilmentScenarios.PATIENCE).until(() ->
                api.send("GET", "/orders/" + orderId, null, owner).json().path("status").asText().equals("DELIVERED"));
    }

    private static boolean matches(Expect expected, int status) {
        return switch (expected) {
            case OK -> status >= 200 && status < 300 || status == 409 || status == 422;
            case NOT_FOUND -> status == 404;
            case UNAUTHORIZED -> status == 401;
            case FORBIDDEN -> status == 403;
        };
    }
}
