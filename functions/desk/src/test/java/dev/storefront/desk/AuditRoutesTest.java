package dev.storefront.desk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /admin/audit: the desk's own admin write (a redrive) is an entry; bad ranges and cursors are 400s. */
class AuditRoutesTest {

    static FunctionHarness desk;

    @BeforeAll
    static void start() {
        desk = FunctionHarness.start("DeskFunction");
    }

    HttpResult get(String path) {
        return desk.http(HttpCall.get(path).as("auditor", "admin"));
    }

    @Test
    void an_admin_write_is_an_entry_with_actor_action_target_and_request_id_newest_first() {
        String actor = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        Instant before = Instant.now().minusSeconds(1);
        assertThat(desk.http(HttpCall.post("/admin/dead-letters/notifications/redrive").as(actor, "admin")).status()).isIn(200, 202);
        assertThat(desk.http(HttpCall.post("/admin/dead-letters/nope/redrive").as(actor, "admin")).status())
                .as("a refused write is no entry").isEqualTo(404);

        JsonNode page = get("/admin/audit?from=" + before + "&limit=100").json();
        JsonNode mine = null;
        int count = 0;
        for (JsonNode item : page.path("items")) {
            if (item.path("actor").asText().equals(actor)) {
                mine = item;
                count++;
            }
        }
        assertThat(count).as(page.toString()).isEqualTo(1);
        assertThat(mine.path("action").asText()).isEqualTo("POST /admin/dead-letters/{queue}/redrive");
        assertThat(mine.path("target").asText()).isEqualTo("/admin/dead-letters/notifications/redrive");
        assertThat(mine.path("requestId").asText()).isNotBlank();
        assertThat(mine.path("after").asText()).contains("\"queue\":\"notifications\"");
        String previous = null;
        for (JsonNode item : page.path("items")) {
            String at = item.path("at").asText();
            assertThat(previous == null || Instant.parse(previous).compareTo(Instant.parse(at)) >= 0).as("newest first").isTrue();
            previous = at;
        }
    }

    @Test
    void pages_follow_the_cursor_without_repeating_an_entry() {
        Instant start = Instant.now().minusSeconds(1);
        String actor = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            desk.http(HttpCall.post("/admin/dead-letters/notifications/redrive").as(actor, "admin"));
        }
        java.util.List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResult page = get("/admin/audit?from=" + start + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("items").forEach(item -> {
                if (item.path("actor").asText().equals(actor)) {
                    seen.add(item.path("requestId").asText());
                }
            });
            cursor = page.json().hasNonNull("nextCursor") ? page.json().path("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 50);
        assertThat(seen).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void malformed_reversed_or_too_long_ranges_and_foreign_cursors_are_400_problems() {
        for (String query : new String[] {"from=yesterday", "to=2026-13-01T00:00:00Z", "from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z",
                "from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "limit=0", "limit=101", "cursor=%25%25garbage", "cursor=YWRtaW4fMTk3MC0wMS0wMQ"}) {
            HttpResult answer = get("/admin/audit?" + query);
            assertThat(answer.status()).as(query + " " + answer).isEqualTo(400);
            assertThat(answer.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(desk.http(HttpCall.get("/admin/audit").as("shopper")).status()).isEqualTo(403);
    }
}
