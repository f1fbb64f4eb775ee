package dev.storefront.insights.kpi;

import dev.storefront.http.Html;
import dev.storefront.domain.insights.DailyKpis;
import dev.storefront.domain.insights.DateRange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The KPI dashboard: one self-contained HTML page (inline CSS and SVG, no script, nothing fetched)
 * with a line chart per group of daily series and the table of every metric below them.
 */
final class Dashboard {

    /** Chart ids, in page order. */
    static final String FUNNEL = "funnel";
    static final String RATES = "rates";
    static final String REVENUE = "revenue";
    static final String AOV = "average-order-value";
    static final String SHIPPING = "placed-to-shipped";
    static final String RETENTION = "retention";

    private Dashboard() {
    }

    static String render(DateRange range, List<DailyKpis> rows) {
        return render(range, rows, "");
    }

    /** @param weeklyPanel the weekly panel's HTML (WeeklyPanel), shown above the charts; empty for none */
    static String render(DateRange range, List<DailyKpis> rows, String weeklyPanel) {
        List<LocalDate> dates = rows.stream().map(DailyKpis::date).toList();
        TreeSet<String> currencies = new TreeSet<>();
        rows.forEach(r -> currencies.addAll(r.revenue().keySet()));
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Storefront KPIs</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 24px; color: #222; }
                h1 { font-size: 20px; margin: 0 0 4px; }
                p.range { color: #555; margin: 0 0 16px; }
                .charts { display: flex; flex-wrap: wrap; gap: 16px; }
                figure.chart { margin: 0; padding: 8px; border: 1px solid #e5e5e5; border-radius: 6px; }
                figcaption { font-weight: 600; margin-bottom: 4px; }
                ul.legend { list-style: none; padding: 0; margin: 4px 0 0; display: flex; flex-wrap: wrap; gap: 12px; font-size: 12px; }
                ul.legend span { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
                table { border-collapse: collapse; font-size: 12px; margin-top: 24px; }
                th, td { border: 1px solid #e5e5e5; padding: 3px 6px; text-align: right; white-space: nowrap; }
                th { background: #f6f6f6; }
                </style>
                </head>
                <body>
                <h1>Storefront KPIs</h1>
                """);
        page.append("<p class=\"range\">").append(range.from()).append(" to ").append(range.to())
                .append(" (UTC days; definitions in docs/INSIGHTS.md)</p>\n").append(weeklyPanel).append("<div class=\"charts\">\n");

        page.append(LineChart.render(FUNNEL, "Funnel per day", dates, List.of(
                counts("visitors", "Visitors", rows, DailyKpis::visitors),
                counts("productViews", "Product views", rows, DailyKpis::productViews),
                counts("cartsCreated", "Carts created", rows, DailyKpis::cartsCreated),
                counts("checkoutsStarted", "Checkouts started", rows, DailyKpis::checkoutsStarted),
                counts("ordersPlaced", "Orders placed", rows, DailyKpis::ordersPlaced)), null, Dashboard::count));
        page.append(LineChart.render(RATES, "Rates", dates, List.of(
                rates("conversionRate", "Conversion (orders / visitors)", rows, DailyKpis::conversionRate),
                rates("cartConversionRate", "Cart conversion (orders / carts)", rows, DailyKpis::cartConversionRate),
                rates("checkoutAbandonmentRate", "Checkout abandonment", rows, DailyKpis::checkoutAbandonmentRate),
                rates("paymentFailureRate", "Payment failures", rows, DailyKpis::paymentFailureRate),
                rates("repeatPurchaseRate", "Repeat purchase", rows, DailyKpis::repeatPurchaseRate),
                rates("partnerRejectionRate", "Partner rejections", rows, DailyKpis::partnerRejectionRate)), BigDecimal.ONE, Dashboard::percent));
        List<LineChart.Series> revenue = new ArrayList<>();
        List<LineChart.Series> aov = new ArrayList<>();
        for (String currency : currencies) {
            revenue.add(new LineChart.Series("revenue-" + currency, "Revenue " + currency,
                    rows.stream().map(r -> major(r.revenue().getOrDefault(currency, 0L), currency)).toList()));
            aov.add(new LineChart.Series("averageOrderValue-" + currency, "Average order value " + currency,
                    rows.stream().map(r -> r.averageOrderValue().containsKey(currency) ? major(r.averageOrderValue().get(currency), currency) : null).toList()));
        }
        page.append(LineChart.render(REVENUE, "Revenue per currency (major units)", dates, revenue, null, Dashboard::amount));
        page.append(LineChart.render(AOV, "Average order value per currency (major units)", dates, aov, null, Dashboard::amount));
        page.append(LineChart.render(SHIPPING, "Median placed to shipped (minutes)", dates, List.of(
                new LineChart.Series("medianPlacedToShippedMinutes", "Median minutes",
                        rows.stream().map(r -> r.medianPlacedToShippedMinutes() == null ? null : BigDecimal.valueOf(r.medianPlacedToShippedMinutes())).toList())),
                null, Dashboard::count));
        page.append(LineChart.render(RETENTION, "Retention conversions (orders with a BACK- coupon)", dates, List.of(
                counts("retentionConversions", "Retention conversions", rows, DailyKpis::retentionConversions)), null, Dashboard::count));
        page.append("</div>\n");
        table(page, rows, currencies);
        return page.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder page, List<DailyKpis> rows, TreeSet<String> currencies) {
        page.append("<table>\n<thead><tr><th>date</th><th>visitors</th><th>product views</th><th>carts</th><th>checkouts</th>"
                + "<th>orders</th><th>revenue</th><th>AOV</th><th>conversion</th><th>cart conversion</th><th>abandonment</th>"
                + "<th>payment failures</th><th>repeat purchase</th><th>median to ship (min)</th><th>partner rejections</th>"
                + "<th>retention conversions</th></tr></thead>\n<tbody>\n");
        for (DailyKpis r : rows) {
            page.append("<tr><td>").append(r.date()).append("</td>");
            cells(page, count(r.visitors()), count(r.productViews()), count(r.cartsCreated()), count(r.checkoutsStarted()),
                    count(r.ordersPlaced()), money(r.revenue(), currencies), money(r.averageOrderValue(), currencies),
                    percent(r.conversionRate()), percent(r.cartConversionRate()), percent(r.checkoutAbandonmentRate()),
                    percent(r.paymentFailureRate()), percent(r.repeatPurchaseRate()),
                    r.medianPlacedToShippedMinutes() == null ? "–" : r.medianPlacedToShippedMinutes().toString(),
                    percent(r.partnerRejectionRate()), count(r.retentionConversions()));
            page.append("</tr>\n");
        }
        page.append("</tbody>\n</table>\n");
    }

    private static void cells(StringBuilder page, String... values) {
        for (String value : values) {
            page.append("<td>").append(Html.escape(value)).append("</td>");
        }
    }

    private static LineChart.Series counts(String name, String label, List<DailyKpis> rows, Function<DailyKpis, Long> value) {
        return new LineChart.Series(name, label, rows.stream().map(r -> BigDecimal.valueOf(value.apply(r))).toList());
    }

    private static LineChart.Series rates(String name, String label, List<DailyKpis> rows, Function<DailyKpis, BigDecimal> value) {
        return new LineChart.Series(name, label, rows.stream().map(value).toList());
    }

    /** An amount in major units as a label: two decimals, "4562.00". */
    private static String amount(BigDecimal major) {
        return major.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static BigDecimal major(long minorUnits, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(minorUnits, digits);
    }

    private static String money(Map<String, Long> amounts, TreeSet<String> currencies) {
        List<String> parts = new ArrayList<>();
        for (String currency : currencies) {
            if (amounts.containsKey(currency)) {
                parts.add(major(amounts.get(currency), currency).toPlainString() + " " + currency);
            }
        }
        return parts.isEmpty() ? "–" : String.join(", ", parts);
    }

    private static String count(BigDecimal value) {
        return value.setScale(0, RoundingMode.HALF_UP).toPlainString();
    }

    private static String count(long value) {
        return Long.toString(value);
    }

    private static String percent(BigDecimal rate) {
        return rate == null ? "–" : rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }
}
