package dev.storefront.insights.kpi;

import dev.storefront.http.Html;
import dev.storefront.domain.insights.WeeklyDigest;
import dev.storefront.domain.insights.WeeklyKpis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeSet;

/** The dashboard's weekly panel: the five central KPIs of the last complete week of the range, the week before, and the change. */
final class WeeklyPanel {

    private WeeklyPanel() {
    }

    static String render(WeeklyDigest digest) {
        WeeklyKpis now = digest.kpis();
        WeeklyKpis before = digest.previous();
        StringBuilder html = new StringBuilder("<section data-panel=\"weekly\">\n<h2 style=\"font-size:16px\">Week ")
                .append(now.week()).append(" (").append(now.week().monday()).append(" to ").append(now.week().sunday())
                .append(") against ").append(before.week()).append("</h2>\n<table>\n<thead><tr><th>KPI</th><th>")
                .append(now.week()).append("</th><th>").append(before.week()).append("</th><th>change</th></tr></thead>\n<tbody>\n");
        row(html, "visitors", Long.toString(now.visitors()), Long.toString(before.visitors()), relative(digest.change().visitors()));
        row(html, "conversion rate", percent(now.conversionRate()), percent(before.conversionRate()), points(digest.change().conversionRate()));
        row(html, "orders placed", Long.toString(now.ordersPlaced()), Long.toString(before.ordersPlaced()), relative(digest.change().ordersPlaced()));
        TreeSet<String> currencies = new TreeSet<>(now.revenue().keySet());
        currencies.addAll(before.revenue().keySet());
        for (String currency : currencies) {
            row(html, "revenue " + currency, minor(now.revenue(), currency), minor(before.revenue(), currency),
                    relative(digest.change().revenue().get(currency)));
            row(html, "average order value " + currency, minor(now.averageOrderValue(), currency), minor(before.averageOrderValue(), currency),
                    relative(digest.change().averageOrderValue().get(currency)));
        }
        row(html, "repeat-purchase rate", percent(now.repeatPurchaseRate()), percent(before.repeatPurchaseRate()),
                points(digest.change().repeatPurchaseRate()));
        return html.append("</tbody>\n</table>\n</section>\n").toString();
    }

    private static void row(StringBuilder html, String... cells) {
        html.append("<tr>");
        for (String cell : cells) {
            html.append("<td>").append(Html.escape(cell)).append("</td>");
        }
        html.append("</tr>\n");
    }

    private static String minor(Map<String, Long> amounts, String currency) {
        Long amount = amounts.get(currency);
        if (amount == null) {
            return "–";
        }
        int digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(amount, digits).toPlainString();
    }

    private static String percent(BigDecimal rate) {
        return rate == null ? "–" : rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    private static String relative(BigDecimal change) {
        return change == null ? "–" : (change.signum() > 0 ? "+" : "") + change.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    private static String points(BigDecimal change) {
        return change == null ? "–" : (change.signum() > 0 ? "+" : "") + change.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " points";
    }
}
