package dev.storefront.desk;

import dev.storefront.domain.Money;
import dev.storefront.domain.order.OrderStatus;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.storefront.http.Html.escape;

/**
 * The order desk page: one self-contained HTML page (inline CSS, no script, nothing fetched) with
 * the filter form, a page of orders as {@code GET /admin/orders} answers it and, when one is chosen,
 * that order with its timeline as {@code GET /admin/orders/{orderId}} answers it. Every text from
 * the shop's data goes through {@link dev.storefront.http.Html#escape}: notes, addresses and names
 * are shown as written, never as markup.
 */
final class DeskPage {

    /** The filters in effect, as the form sends them back (null: not given). */
    record Filters(String status, String from, String to, String email) {
        Map<String, String> query() {
            Map<String, String> query = new LinkedHashMap<>();
            put(query, "status", status);
            put(query, "from", from);
            put(query, "to", to);
            put(query, "email", email);
            return query;
        }

        private static void put(Map<String, String> query, String name, String value) {
            if (value != null && !value.isBlank()) {
                query.put(name, value);
            }
        }
    }

    private DeskPage() {
    }

    static String render(Filters filters, OrderDeskRoutes.OrderList orders, OrderDetail order) {
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Storefront order desk</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 24px; color: #222; }
                h1 { font-size: 20px; margin: 0 0 12px; } h2 { font-size: 16px; margin: 24px 0 8px; }
                form.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-bottom: 12px; }
                form.filters label { display: flex; flex-direction: column; font-size: 12px; color: #555; }
                table { border-collapse: collapse; font-size: 13px; }
                th, td { border: 1px solid #e5e5e5; padding: 3px 6px; text-align: left; vertical-align: top; }
                th { background: #f6f6f6; }
                td.amount { text-align: right; white-space: nowrap; }
                ol.timeline { list-style: none; padding: 0; font-size: 13px; }
                ol.timeline li { border-left: 3px solid #ccc; padding: 2px 8px; margin: 4px 0; }
                ol.timeline li[data-kind='NOTE'] { border-color: #d9a400; } ol.timeline li[data-kind='ADMIN'] { border-color: #b5179e; }
                ol.timeline li[data-kind='PAYMENT'] { border-color: #2a9d8f; } ol.timeline li[data-kind='PARTNER'] { border-color: #457b9d; }
                ol.timeline li[data-kind='RECONCILIATION'] { border-color: #d62828; }
                .muted { color: #777; } pre.detail { white-space: pre-wrap; margin: 2px 0; font-family: inherit; }
                </style>
                </head>
                <body>
                <h1>Storefront order desk</h1>
                """);
        form(page, filters);
        list(page, filters, orders);
        if (order != null) {
            order(page, order);
        }
        return page.append("</body>\n</html>\n").toString();
    }

    private static void form(StringBuilder page, Filters filters) {
        page.append("<form class=\"filters\" method=\"get\" action=\"/admin/desk\">\n<label>status<select name=\"status\"><option value=\"\">any</option>");
        for (OrderStatus status : OrderStatus.values()) {
            page.append("<option").append(status.name().equals(filters.status()) ? " selected" : "").append('>').append(status).append("</option>");
        }
        page.append("</select></label>\n");
        input(page, "from", "date", filters.from());
        input(page, "to", "date", filters.to());
        input(page, "email", "email", filters.email());
        page.append("<button type=\"submit\">Filter</button>\n</form>\n");
    }

    private static void input(StringBuilder page, String name, String type, String value) {
        page.append("<label>").append(name).append("<input name=\"").append(name).append("\" type=\"").append(type).append("\" value=\"")
                .append(value == null ? "" : escape(value)).append("\"></label>\n");
    }

    private static void list(StringBuilder page, Filters filters, OrderDeskRoutes.OrderList orders) {
        page.append("<table class=\"orders\">\n<thead><tr><th>created</th><th>order</th><th>status</th><th>email</th><th>total</th></tr></thead>\n<tbody>\n");
        for (OrderDeskRoutes.Row row : orders.items()) {
            Map<String, String> query = filters.query();
            query.put("orderId", row.orderId());
            page.append("<tr data-order=\"").append(escape(row.orderId())).append("\"><td>").append(escape(row.createdAt()))
                    .append("</td><td><a href=\"").append(escape(link(query))).append("\">").append(escape(row.orderId())).append("</a></td><td>")
                    .append(escape(row.status())).append("</td><td>").append(escape(row.email())).append("</td><td class=\"amount\">")
                    .append(escape(money(row.total()))).append("</td></tr>\n");
        }
        page.append("</tbody>\n</table>\n");
        if (orders.items().isEmpty()) {
            page.append("<p class=\"muted\">No orders match.</p>\n");
        }
        if (orders.nextCursor() != null) {
            Map<String, String> query = filters.query();
            query.put("cursor", orders.nextCursor());
            page.append("<p><a class=\"next\" href=\"").append(escape(link(query))).append("\">Older orders</a></p>\n");
        }
    }

    private static void order(StringBuilder page, OrderDetail o) {
        OrderDetail.Address a = o.shippingAddress();
        page.append("<section class=\"order\" data-order=\"").append(escape(o.orderId())).append("\">\n<h2>Order ").append(escape(o.orderId()))
                .append(" · ").append(escape(o.status())).append("</h2>\n<p>").append(escape(o.email()))
                .append(o.customerId() == null ? " (guest)" : " (customer " + escape(o.customerId()) + ")").append("</p>\n<address class=\"shipping\">");
        for (String line : new String[] {a.name(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode() + " " + a.country()}) {
            if (line != null) {
                page.append(escape(line)).append("<br>");
            }
        }
        page.append("</address>\n<table class=\"lines\">\n<thead><tr><th>sku</th><th>name</th><th>quantity</th><th>line total</th></tr></thead>\n<tbody>\n");
        for (OrderDetail.Line line : o.lines()) {
            page.append("<tr><td>").append(escape(line.sku())).append("</td><td>").append(escape(line.name())).append("</td><td class=\"amount\">")
                    .append(line.quantity()).append("</td><td class=\"amount\">").append(escape(money(line.lineTotal()))).append("</td></tr>\n");
        }
        page.append("</tbody>\n</table>\n<p>Total ").append(escape(money(o.total()))).append(" · payment ").append(escape(o.payment().status()));
        if (o.fulfilment().carrier() != null) {
            page.append(" · shipped with ").append(escape(o.fulfilment().carrier())).append(' ').append(escape(String.valueOf(o.fulfilment().trackingNumber())));
        }
        page.append("</p>\n<h2>Timeline</h2>\n<ol class=\"timeline\">\n");
        for (OrderDetail.Entry e : o.timeline()) {
            page.append("<li data-kind=\"").append(escape(e.kind())).append("\"><span class=\"muted\">").append(escape(e.at())).append(' ')
                    .append(escape(e.kind())).append(" · ").append(escape(e.actor())).append("</span> <strong>").append(escape(e.summary()))
                    .append("</strong>");
            if (e.detail() != null) {
                page.append("<pre class=\"detail\">").append(escape(e.detail())).append("</pre>");
            }
            page.append("</li>\n");
        }
        page.append("</ol>\n</section>\n");
    }

    private static String link(Map<String, String> query) {
        return "/admin/desk" + (query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(q -> q.getKey() + "=" + URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
    }

    /** Major units with the currency: 25.00 EUR. */
    private static String money(Money money) {
        int digits = Math.max(0, Currency.getInstance(money.currency()).getDefaultFractionDigits());
        return BigDecimal.valueOf(money.amount(), digits).toPlainString() + " " + money.currency();
    }
}
