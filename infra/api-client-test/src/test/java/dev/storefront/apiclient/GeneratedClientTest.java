package dev.storefront.apiclient;

import dev.storefront.client.ApiClient;
import dev.storefront.client.ApiException;
import dev.storefront.client.ApiResponse;
import dev.storefront.client.api.CartsApi;
import dev.storefront.client.api.CatalogAdminApi;
import dev.storefront.client.api.CatalogApi;
import dev.storefront.client.api.CheckoutApi;
import dev.storefront.client.api.OrdersApi;
import dev.storefront.client.model.AddCartItemRequest;
import dev.storefront.client.model.Cart;
import dev.storefront.client.model.CheckoutRequest;
import dev.storefront.client.model.Money;
import dev.storefront.client.model.Order;
import dev.storefront.client.model.OrderStatus;
import dev.storefront.client.model.Problem;
import dev.storefront.client.model.ProblemCode;
import dev.storefront.client.model.Product;
import dev.storefront.client.model.ProductPage;
import dev.storefront.client.model.ProductWrite;
import dev.storefront.client.model.ProductWriteVariantsInner;
import dev.storefront.client.model.ShippingAddress;
import dev.storefront.client.model.StockWrite;
import dev.storefront.local.LocalRuntime;
import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A storefront written against the client openapi-generator made from docs/openapi.yaml (nothing
 * hand-written between the test and HTTP): browse, cart, checkout, read the order, on the local
 * runtime with every function from its own jar.
 */
class GeneratedClientTest {

    static LocalRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.ephemeral(SamTemplate.findRepoRoot()));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** The generated client, signed in as {@code token}'s owner (null: anonymous). */
    static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(runtime.baseUrl().toString());
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    static CheckoutRequest checkoutBody(String paymentToken) {
        return new CheckoutRequest().email("grace@example.com").paymentToken(paymentToken)
                .shippingAddress(new ShippingAddress().name("Grace Hopper").line1("1 Navy Way").city("Arlington")
                        .region("VA").postalCode("22201").country("US"));
    }

    @Test
    void a_shopper_browses_fills_a_cart_checks_out_once_and_reads_the_order() throws Exception {
        String id = "gen-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = id.toUpperCase();
        CatalogAdminApi admin = new CatalogAdminApi(client(runtime.token("ops", "admin")));
        Product created = admin.putProduct(id, new ProductWrite().name("Generated sock").category("apparel")
                .variants(List.of(new ProductWriteVariantsInner().sku(sku).attributes(Map.of("size", "M"))
                        .price(new Money().amount(1250L).currency("EUR")))));
        admin.putInventory(sku, new StockWrite().available(3L));
        assertThat(created.getVariants()).singleElement().satisfies(v -> assertThat(v.getAvailable()).isZero());

        String customer = runtime.token("grace-" + UUID.randomUUID());
        CatalogApi catalog = new CatalogApi(client(customer));
        ProductPage apparel = catalog.listProducts("apparel", 100, null);
        assertThat(apparel.getItems()).extracting(Product::getProductId).contains(id);
        Product product = catalog.getProduct(id, "v-generated", null, null);
        assertThat(product.getVariants().get(0).getAvailable()).isEqualTo(3L);
        assertThat(product.getVariants().get(0).getPrice().getAmount()).isEqualTo(1250L);

        CartsApi carts = new CartsApi(client(customer));
        Cart cart = carts.createCart(null, null, null, null);
        ApiResponse<Cart> added = carts.addCartItemWithHttpInfo(cart.getCartId(), new AddCartItemRequest().sku(sku).quantity(2),
                "\"" + cart.getVersion() + "\"", null, null, null);
        assertThat(added.getStatusCode()).isEqualTo(200);
        assertThat(added.getHeaders().get("etag")).containsExactly("\"" + added.getData().getVersion() + "\"");
        assertThat(added.getData().getTotal().getAmount()).isEqualTo(2500L);
        assertThat(added.getData().getTotal().getCurrency()).isEqualTo("EUR");

        CheckoutApi checkout = new CheckoutApi(client(customer));
        String key = UUID.randomUUID().toString();
        ApiResponse<Order> placed = checkout.checkoutWithHttpInfo(cart.getCartId(), key, checkoutBody("tok_visa"), null, null, null);
        ApiResponse<Order> replayed = checkout.checkoutWithHttpInfo(cart.getCartId(), key, checkoutBody("tok_visa"), null, null, null);

        assertThat(placed.getStatusCode()).isEqualTo(201);
        Order order = placed.getData();
        assertThat(order.getStatus()).isEqualTo(OrderStatus.PLACED);
        // Shipped to the US (seeded zone us: Standard 14.90, tax 7.25 % on top): 25.00 + 14.90 + 2.89 (7.25 % of 39.90).
        assertThat(order.getTotal().getAmount()).isEqualTo(2500L + 1490L + 289L);
        assertThat(replayed.getData().getOrderId()).isEqualTo(order.getOrderId());
        assertThat(replayed.getHeaders().get("idempotent-replayed")).containsExactly("true");

        OrdersApi orders = new OrdersApi(client(customer));
        Order read = orders.getOrder(order.getOrderId());
        assertThat(read.getLines()).singleElement().satisfies(line -> {
            assertThat(line.getSku()).isEqualTo(sku);
            assertThat(line.getQuantity()).isEqualTo(2);
            assertThat(line.getLineTotal().getAmount()).isEqualTo(2500L);
        });
        assertThat(read.getStatus()).isIn(OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED);
        assertThat(read.getHistory().get(0).getTo()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(orders.listMyOrders(20, null).getItems()).extracting(Order::getOrderId).contains(order.getOrderId());
        assertThat(catalog.getProduct(id, null, null, null).getVariants().get(0).getAvailable()).as("reserved once").isEqualTo(1L);
    }

    @Test
    void a_declined_card_reaches_the_client_as_its_problem() throws Exception {
        CartsApi carts = new CartsApi(client(null));
        Cart cart = carts.createCart(null, null, null, null);
        carts.addCartItem(cart.getCartId(), new AddCartItemRequest().sku("ENERGY-GEL-CITRUS").quantity(1), null, null, null, null);
        CheckoutApi checkout = new CheckoutApi(client(null));

        assertThatThrownBy(() -> checkout.checkout(cart.getCartId(), UUID.randomUUID().toString(), checkoutBody("tok_chargeDeclined"), null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(402);
                    Problem problem = problem(e);
                    assertThat(problem.getCode()).isEqualTo(ProblemCode.PAYMENT_DECLINED);
                    assertThat(problem.getStatus()).isEqualTo(402);
                });
        assertThat(carts.getCart(cart.getCartId()).getStatus()).isEqualTo(Cart.StatusEnum.OPEN);
    }

    private static Problem problem(ApiException e) {
        try {
            return client(null).getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        } catch (java.io.IOException unreadable) {
            throw new AssertionError("not a problem: " + e.getResponseBody(), unreadable);
        }
    }
}
