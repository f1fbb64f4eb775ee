package dev.storefront.insights.kpi;

import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may read the KPIs, and which ranges are refused. */
class KpiAdminRoutesTest {

    final Insights insights = Insights.get();

    @Test
    void reversed_malformed_missing_or_too_long_ranges_then_each_is_a_400_validation_problem() {
        for (String query : new String[]{"?from=2025-03-02&to=2025-03-01", "?from=2025-3-1&to=2025-03-02", "?from=2025-02-30&to=2025-03-01",
                "?from=yesterday&to=today", "?to=2025-03-01", "?from=2025-03-01", "", "?from=2024-01-01&to=2025-01-01",
                "?from=2025-03-01&to=2025-03-01%27%20OR%201=1"}) {
            HttpResult result = insights.kpis(query, "ops", "admin");
            assertThat(result.status()).as(query + " -> " + result).isEqualTo(400);
            assertThat(result.header("content-type")).startsWith("application/problem+json");
            assertThat(result.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        HttpResult dashboard = insights.dashboard("?from=2025-03-02&to=2025-03-01");
        assertThat(dashboard.status()).isEqualTo(400);
        assertThat(dashboard.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void a_range_of_366_days_of_a_leap_year_has_one_row_per_day() {
        HttpResult result = insights.kpis("?from=2004-01-01&to=2004-12-31", "ops", "admin");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().path("items")).hasSize(366);
        assertThat(result.json().path("items").get(365).path("date").asText()).isEqualTo("2004-12-31");
    }

    @Test
    void a_signed_in_customer_then_403_and_anonymous_then_401() {
        HttpResult customer = insights.kpis("?from=2025-03-01&to=2025-03-02", "alice");
        assertThat(customer.status()).isEqualTo(403);
        assertThat(customer.json().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(insights.admin.http(dev.storefront.testsupport.HttpCall.get("/admin/kpis/dashboard").as("alice")).status()).isEqualTo(403);
        assertThat(insights.kpis("?from=2025-03-01&to=2025-03-02", null).status()).isEqualTo(401);
    }

    @Test
    void no_range_then_the_dashboard_shows_the_last_30_days_as_a_locked_down_html_page() {
        HttpResult page = insights.dashboard("");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.header("content-security-policy")).contains("default-src 'none'");
        assertThat(page.header("cache-control")).isEqualTo("no-store");
        assertThat(page.body()).contains("<svg").doesNotContain("<script").doesNotContain("http://").doesNotContain("https://").doesNotContain(" src=").doesNotContain(" href=")
                .contains("data-chart=\"funnel\"");
        assertThat(page.body().split("class=\"point\" ", -1).length - 1).as("30 days of 5 funnel counts and 1 retention series, at least")
                .isGreaterThanOrEqualTo(30 * 6);
    }
}
