package dev.storefront.insights;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.storefront.insights.Customers.orderId;
import static dev.storefront.insights.Customers.placed;
import static dev.storefront.insights.Customers.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** PUT /admin/segments/{name}, GET /admin/segments, GET /admin/segments/{name}/customers: admins only, bad input is a 4xx. */
class SegmentAdminTest {

    final Customers customers = Customers.get();

    HttpResult get(String path) {
        return customers.admin.http(HttpCall.get(path).as("ops", "admin"));
    }

    @Test
    void a_segment_with_three_members_then_it_is_listed_with_its_count_and_its_members_page_by_cursor() {
        String segment = "club-" + Customers.hex(4);
        String domain = ".x" + Customers.hex(4) + ".org";
        assertThat(customers.rule(segment, "{\"emailDomainEndsWith\":\"" + domain + "\"}").json().path("name").asText()).isEqualTo(segment);
        assertThat(customers.rule(segment, "{\"emailDomainEndsWith\":\"" + domain + "\"}").status()).as("replacing a rule").isEqualTo(200);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String customer = unique("member");
            members.add(customer);
            assertThat(customers.deliver(placed(orderId(), customer, "m@mail" + domain, customers.product("books")))).isEmpty();
        }

        JsonNode listed = get("/admin/segments").json();
        JsonNode mine = null;
        for (JsonNode item : listed.path("items")) {
            if (item.path("name").asText().equals(segment)) {
                mine = item;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("members").asLong()).isEqualTo(3);
        assertThat(mine.at("/rule/emailDomainEndsWith").asText()).isEqualTo(domain);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResult page = get("/admin/segments/" + segment + "/customers?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("items").forEach(item -> paged.add(item.path("customerId").asText()));
            cursor = page.json().hasNonNull("nextCursor") ? page.json().path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 5);
        assertThat(paged).containsExactlyInAnyOrderElementsOf(members);
        assertThat(pages).isGreaterThanOrEqualTo(2);
    }

    @Test
    void bad_input_then_4xx_problems_never_a_500() {
        assertThat(get("/admin/segments/nope-" + Customers.hex(4) + "/customers").status()).isEqualTo(404);
        HttpResult badRule = customers.admin.http(HttpCall.put("/admin/segments/bad").as("ops", "admin").json("{\"minOrders\":5,\"maxOrders\":1}"));
        assertThat(badRule.status()).isEqualTo(400);
        assertThat(badRule.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(customers.admin.http(HttpCall.put("/admin/segments/bad").as("ops", "admin").json("{\"price\":1}")).status()).isEqualTo(400);
        assertThat(customers.admin.http(HttpCall.put("/admin/segments/bad").as("ops", "admin").json("{}")).status()).isEqualTo(400);
        assertThat(customers.admin.http(HttpCall.put("/admin/segments/Bad%20Name").as("ops", "admin").json("{\"minOrders\":1}")).status()).isEqualTo(400);
        assertThat(get("/admin/segments/new/customers?cursor=forged").status()).isEqualTo(400);
        assertThat(get("/admin/segments/new/customers?limit=0").status()).isEqualTo(400);
    }

    @Test
    void a_customer_who_is_not_an_admin_then_403_and_without_a_token_the_gateway_says_401() {
        assertThat(customers.admin.http(HttpCall.get("/admin/segments").as("alice")).status()).isEqualTo(403);
        assertThat(customers.admin.http(HttpCall.put("/admin/segments/x").as("alice").json("{\"minOrders\":1}")).status()).isEqualTo(403);
        assertThat(customers.admin.http(HttpCall.get("/admin/segments/new/customers")).status()).isEqualTo(401);
    }
}
