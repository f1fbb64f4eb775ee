package dev.storefront.checkout;

import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restricted discount codes through the real cart and checkout functions over DynamoDB Local:
 * retention coupons (personal, single use, category-limited) and segment codes. The coupons are
 * stored exactly as the insights function issues them (docs/INSIGHTS.md, "Retention and segments").
 */
class CouponCheckoutTest {

    static Shop shop;

    @BeforeAll
    static void start() {
        shop = new Shop();
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    static DynamoDbClient dynamo() {
        return TestStack.shared().emulators().dynamo();
    }

    static String table(String logicalId) {
        return TestStack.shared().resources().tableName(logicalId);
    }

    /** A retention coupon as insights writes it: 10%, personal, single use, limited to categories. */
    static String coupon(String customerId, Instant expiresAt, String... categories) {
        String code = "BACK-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("code", AttributeValue.fromS(code));
        item.put("kind", AttributeValue.fromS("PERCENTAGE"));
        item.put("percentOff", AttributeValue.fromN("10"));
        item.put("expiresAt", AttributeValue.fromS(expiresAt.toString()));
        item.put("customerId", AttributeValue.fromS(customerId));
        item.put("singleUse", AttributeValue.fromBool(true));
        if (categories.length > 0) {
            item.put("categories", AttributeValue.fromSs(List.of(categories)));
        }
        dynamo().putItem(r -> r.tableName(table("DiscountCodesTable")).item(item));
        return code;
    }

    static Map<String, AttributeValue> couponItem(String code) {
        return dynamo().getItem(r -> r.tableName(table("DiscountCodesTable")).key(Map.of("code", AttributeValue.fromS(code))).consistentRead(true)).item();
    }

    HttpResult apply(String cartId, String customer, String code) {
        HttpCall call = HttpCall.post("/carts/" + cartId + "/discount").json("{\"code\":\"" + code + "\"}");
        return shop.carts.http(customer == null ? call : call.as(customer));
    }

    static Instant inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS);
    }

    @Test
    void a_coupon_limited_to_shoes_when_the_owner_applies_it_then_only_the_shoe_lines_are_reduced() {
        String shoes = shop.stockedProductIn("shoes", 10, 8000)[0];
        String socks = shop.stockedProductIn("socks", 10, 1005)[0];
        String alice = Shop.unique("alice");
        String cartId = shop.cart(alice, 1, shoes, socks);

        HttpResult applied = apply(cartId, alice, coupon(alice, inDays(30), "shoes"));

        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.json().at("/subtotal/amount").asLong()).isEqualTo(9005);
        assertThat(applied.json().at("/discount/amount").asLong()).as("10% of the shoes only").isEqualTo(800);
        assertThat(applied.json().at("/total/amount").asLong()).isEqualTo(8205);
    }

    @Test
    void alices_coupon_when_bob_or_an_anonymous_shopper_applies_it_then_422_discount_invalid() {
        String sku = shop.stockedProductIn("shoes", 10, 5000)[0];
        String alice = Shop.unique("alice");
        String code = coupon(alice, inDays(30));

        HttpResult bob = apply(shop.cart(Shop.unique("bob"), 1, sku), null, code);
        String bobsCustomer = Shop.unique("bob");
        HttpResult bobSignedIn = apply(shop.cart(bobsCustomer, 1, sku), bobsCustomer, code);
        HttpResult anonymous = apply(shop.cart(null, 1, sku), null, code);

        assertThat(bob.status()).as("another customer's cart is not even readable").isEqualTo(404);
        assertThat(bobSignedIn.status()).as(bobSignedIn.toString()).isEqualTo(422);
        assertThat(bobSignedIn.json().path("code").asText()).isEqualTo("DISCOUNT_INVALID");
        assertThat(bobSignedIn.json().path("detail").asText()).as("reads like an unknown code").endsWith("is not a discount code of this shop");
        assertThat(anonymous.status()).isEqualTo(422);
        assertThat(anonymous.json().path("code").asText()).isEqualTo("DISCOUNT_INVALID");
    }

    @Test
    void an_expired_coupon_then_its_owner_gets_422_discount_invalid() {
        String sku = shop.stockedProductIn("shoes", 10, 5000)[0];
        String alice = Shop.unique("alice");

        HttpResult applied = apply(shop.cart(alice, 1, sku), alice, coupon(alice, Instant.now().minusSeconds(1)));

        assertThat(applied.status()).isEqualTo(422);
        assertThat(applied.json().path("code").asText()).isEqualTo("DISCOUNT_INVALID");
        assertThat(applied.json().path("detail").asText()).contains("expired");
    }

    @Test
    void a_coupon_on_the_cart_when_ten_checkouts_of_its_owner_race_then_one_order_redeems_it_and_nine_get_422() throws Exception {
        String sku = shop.stockedProductIn("shoes", 20, 5000)[0];
        String alice = Shop.unique("alice");
        String cartId = shop.cart(alice, 1, sku);
        String code = coupon(alice, inDays(30), "shoes");
        assertThat(apply(cartId, alice, code).status()).isEqualTo(200);

        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResult>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit((Callable<HttpResult>) () -> {
                go.await();
                return shop.checkout(cartId, alice, key(), "tok_visa");
            }));
        }
        go.countDown();
        List<HttpResult> answers = new ArrayList<>();
        for (Future<HttpResult> result : results) {
            answers.add(result.get());
        }
        pool.shutdown();

        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 201).hasSize(9).allSatisfy(a -> {
            assertThat(a.status()).as(a.toString()).isEqualTo(422);
            assertThat(a.json().path("code").asText()).isEqualTo("DISCOUNT_INVALID");
        });
        HttpResult placed = answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow();
        assertThat(placed.json().path("discountCode").asText()).isEqualTo(code);
        assertThat(placed.json().at("/discount/amount").asLong()).isEqualTo(500);
        assertThat(Shop.stock(sku)).as("stock taken once").isEqualTo(19);
        assertThat(couponItem(code).get("redeemedBy").s()).isEqualTo(placed.json().path("orderId").asText());
    }

    @Test
    void a_redeemed_coupon_then_it_cannot_be_applied_again() {
        String sku = shop.stockedProductIn("shoes", 10, 5000)[0];
        String alice = Shop.unique("alice");
        String code = coupon(alice, inDays(30));
        String first = shop.cart(alice, 1, sku);
        assertThat(apply(first, alice, code).status()).isEqualTo(200);
        assertThat(shop.checkout(first, alice, key(), "tok_visa").status()).isEqualTo(201);

        HttpResult again = apply(shop.cart(alice, 1, sku), alice, code);

        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().path("detail").asText()).contains("already used");
    }

    @Test
    void a_declined_card_then_the_coupon_is_given_back_and_the_retry_redeems_it() {
        String sku = shop.stockedProductIn("shoes", 10, 5000)[0];
        String alice = Shop.unique("alice");
        String cartId = shop.cart(alice, 1, sku);
        String code = coupon(alice, inDays(30));
        assertThat(apply(cartId, alice, code).status()).isEqualTo(200);

        HttpResult declined = shop.checkout(cartId, alice, key(), "tok_chargeDeclined");
        assertThat(declined.status()).isEqualTo(402);
        assertThat(couponItem(code)).doesNotContainKey("redeemedBy");

        HttpResult retried = shop.checkout(cartId, alice, key(), "tok_visa");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
        assertThat(retried.json().path("discountCode").asText()).isEqualTo(code);
        assertThat(couponItem(code).get("redeemedBy").s()).isEqualTo(retried.json().path("orderId").asText());
    }

    @Test
    void a_code_for_the_campus_segment_then_members_may_use_it_and_everyone_else_gets_422() {
        String sku = shop.stockedProductIn("books", 10, 2000)[0];
        String code = "CAMPUS" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        dynamo().putItem(r -> r.tableName(table("DiscountCodesTable")).item(Map.of("code", AttributeValue.fromS(code),
                "kind", AttributeValue.fromS("PERCENTAGE"), "percentOff", AttributeValue.fromN("15"), "segment", AttributeValue.fromS("campus"))));
        String student = Shop.unique("student");
        dynamo().putItem(r -> r.tableName(table("CustomersTable")).item(Map.of("pk", AttributeValue.fromS("CUSTOMER#" + student),
                "sk", AttributeValue.fromS("PROFILE"), "orderCount", AttributeValue.fromN("1"), "segments", AttributeValue.fromSs(List.of("campus", "new")))));
        String other = Shop.unique("other");

        HttpResult member = apply(shop.cart(student, 1, sku), student, code);
        HttpResult outsider = apply(shop.cart(other, 1, sku), other, code);
        HttpResult anonymous = apply(shop.cart(null, 1, sku), null, code);

        assertThat(member.status()).as(member.toString()).isEqualTo(200);
        assertThat(member.json().at("/discount/amount").asLong()).isEqualTo(300);
        assertThat(outsider.status()).isEqualTo(422);
        assertThat(outsider.json().path("code").asText()).isEqualTo("DISCOUNT_INVALID");
        assertThat(outsider.json().path("detail").asText()).contains("not available for this account").doesNotContain("campus");
        assertThat(anonymous.status()).isEqualTo(422);
    }

    @Test
    void a_segment_code_on_the_cart_when_the_customer_left_the_segment_before_checkout_then_checkout_refuses_with_422() {
        String sku = shop.stockedProductIn("books", 10, 2000)[0];
        String code = "NEWBIE" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        dynamo().putItem(r -> r.tableName(table("DiscountCodesTable")).item(Map.of("code", AttributeValue.fromS(code),
                "kind", AttributeValue.fromS("PERCENTAGE"), "percentOff", AttributeValue.fromN("5"), "segment", AttributeValue.fromS("new"))));
        String customer = Shop.unique("newbie");
        Map<String, AttributeValue> profile = Map.of("pk", AttributeValue.fromS("CUSTOMER#" + customer), "sk", AttributeValue.fromS("PROFILE"));
        dynamo().putItem(r -> r.tableName(table("CustomersTable")).item(Map.of("pk", profile.get("pk"), "sk", profile.get("sk"),
                "segments", AttributeValue.fromSs(List.of("new")))));
        String cartId = shop.cart(customer, 1, sku);
        assertThat(apply(cartId, customer, code).status()).isEqualTo(200);
        dynamo().updateItem(r -> r.tableName(table("CustomersTable")).key(profile).updateExpression("REMOVE #segments").expressionAttributeNames(Map.of("#segments", "segments")));

        HttpResult refused = shop.checkout(cartId, customer, key(), "tok_visa");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().path("code").asText()).isEqualTo("DISCOUNT_INVALID");
        assertThat(Shop.stock(sku)).as("no order, stock untouched").isEqualTo(10);
    }
}
