package dev.storefront.insights.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.HeadlessChromium;
import dev.storefront.testsupport.ServedPage;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.storefront.insights.kpi.Events.cartCreated;
import static dev.storefront.insights.kpi.Events.orderEvent;
import static dev.storefront.insights.kpi.Events.placed;
import static dev.storefront.insights.kpi.Events.viewed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard as a browser renders it: the page the admin function answers, served with its own
 * headers (its Content-Security-Policy included) to headless Chromium, which must draw one point per
 * day and series with a value, each of a real size and inside its chart.
 */
class DashboardInChromiumTest {

    final Insights insights = Insights.get();

    @Test
    void three_days_of_KPIs_when_the_dashboard_opens_in_chromium_then_every_chart_draws_its_points_inside_itself() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.installed(), HeadlessChromium.MISSING);
        String r = Long.toHexString(System.nanoTime());
        String order = Events.newOrderId();
        // 2003-06-01: two visitors, a cart, an order shipped after 42 minutes; 2003-06-02: nothing; 2003-06-03: one view.
        insights.deliverAll(List.of(
                viewed(Instant.parse("2003-06-01T09:00:00Z"), "a" + r, "socks"),
                viewed(Instant.parse("2003-06-01T09:10:00Z"), "b" + r, "socks"),
                cartCreated(Instant.parse("2003-06-01T09:11:00Z"), "b" + r, null, "c" + r),
                placed(order, Instant.parse("2003-06-01T09:12:00Z"), 4200, "EUR", null, null),
                orderEvent("order.fulfilment_requested", order, Instant.parse("2003-06-01T09:13:00Z")),
                orderEvent("order.shipped", order, Instant.parse("2003-06-01T09:54:00Z")),
                viewed(Instant.parse("2003-06-03T12:00:00Z"), "a" + r, "socks")));
        JsonNode rows = insights.rows("2003-06-01", "2003-06-03");
        HttpResult page = insights.dashboard("?from=2003-06-01&to=2003-06-03");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);

        Map<String, Integer> expectedPoints = new LinkedHashMap<>();
        expectedPoints.put(Dashboard.FUNNEL, 5 * 3);                 // five counts, every day
        expectedPoints.put(Dashboard.RATES, nonNull(rows, "conversionRate", "cartConversionRate", "checkoutAbandonmentRate",
                "paymentFailureRate", "repeatPurchaseRate", "partnerRejectionRate"));
        expectedPoints.put(Dashboard.REVENUE, 3);                    // EUR, every day (0 on days without orders)
        expectedPoints.put(Dashboard.AOV, 1);                        // EUR, on the day with an order
        expectedPoints.put(Dashboard.SHIPPING, 1);                   // the day it shipped
        expectedPoints.put(Dashboard.RETENTION, 3);
        assertThat(expectedPoints.get(Dashboard.RATES)).as("conversion and cart conversion on days 1 and 3, and more").isGreaterThanOrEqualTo(4);

        try (ServedPage served = ServedPage.of("/admin/kpis/dashboard", page); HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.open(served.url());
            assertThat(chromium.title()).isEqualTo("Storefront KPIs");
            for (Map.Entry<String, Integer> chart : expectedPoints.entrySet()) {
                List<String> svg = chromium.findAll("svg[data-chart='" + chart.getKey() + "']");
                assertThat(svg).as(chart.getKey()).hasSize(1);
                HeadlessChromium.Rect area = chromium.rect(svg.get(0));
                assertThat(area.width()).as(chart.getKey() + " width").isGreaterThan(100);
                assertThat(area.height()).as(chart.getKey() + " height").isGreaterThan(100);
                List<String> points = chromium.findAll("svg[data-chart='" + chart.getKey() + "'] circle.point");
                assertThat(points).as("points drawn in " + chart.getKey()).hasSize(chart.getValue());
                for (String point : points) {
                    HeadlessChromium.Rect at = chromium.rect(point);
                    assertThat(at.width()).as(chart.getKey() + " point width").isGreaterThan(0);
                    assertThat(at.height()).as(chart.getKey() + " point height").isGreaterThan(0);
                }
                // Inside their chart, measured in one layout (one script), not across separate rect calls.
                JsonNode outside = chromium.script("""
                        const svg = document.querySelector("svg[data-chart='%s']");
                        const a = svg.getBoundingClientRect();
                        return [...svg.querySelectorAll('circle.point')].map(p => p.getBoundingClientRect())
                            .filter(r => { const x = r.x + r.width / 2, y = r.y + r.height / 2;
                                           return x < a.x || x > a.x + a.width || y < a.y || y > a.y + a.height; })
                            .map(r => `${r.x},${r.y} outside ${a.x},${a.y} ${a.width}x${a.height}`);
                        """.formatted(chart.getKey()));
                assertThat(outside).as(chart.getKey() + " points drawn outside their chart").isEmpty();
            }
            // Points of the same series lie left to right in date order.
            List<String> visitors = chromium.findAll("svg[data-chart='funnel'] circle[data-series='visitors']");
            assertThat(visitors.stream().map(chromium::rect).map(HeadlessChromium.Rect::x).toList()).isSorted();
            assertThat(visitors.stream().map(v -> chromium.attribute(v, "data-value")).toList()).containsExactly("2", "0", "1");
        }
    }

    private static int nonNull(JsonNode rows, String... fields) {
        int count = 0;
        for (JsonNode row : rows) {
            for (String field : fields) {
                if (!row.path(field).isNull()) {
                    count++;
                }
            }
        }
        return count;
    }
}
