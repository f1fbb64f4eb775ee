package dev.storefront.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Money;
import dev.storefront.domain.order.OrderFilter;
import dev.storefront.domain.order.OrderSummary;
import dev.storefront.http.QueryParams;
import dev.storefront.orderstore.OrderListing;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;


/**
 * The order desk's orders (admins only): {@code GET /admin/orders?status=&from=&to=&email=&limit=&cursor=}
 * (any order, newest first) and {@code GET /admin/orders/{orderId}} (one order with its timeline).
 */
@Controller("/admin/orders")
class OrderDeskRoutes {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final OrderListing listing;
    private final OrderDesk desk;

    OrderDeskRoutes(OrderListing listing, OrderDesk desk) {
        this.listing = listing;
        this.desk = desk;
    }

    @Serdeable
    record OrderList(@JsonInclude(JsonInclude.Include.ALWAYS) List<Row> items, @Nullable String nextCursor) {
    }

    @Serdeable
    record Row(String orderId, String status, String email, Money total, @Nullable String customerId, String createdAt) {
        static Row of(OrderSummary o) {
            return new Row(o.orderId(), o.status().name(), o.email(), o.total(), o.customerId(), o.createdAt().toString());
        }
    }

    @Get
    OrderList list(Caller caller, @Nullable @QueryValue String status, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                   @Nullable @QueryValue String email, @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        caller.requireAdmin();
        OrderFilter filter = OrderFilter.parse(status, from, to, email);
        OrderListing.Page page = listing.list(filter, QueryParams.intInRange("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT), cursor);
        return new OrderList(page.items().stream().map(Row::of).toList(), page.nextCursor());
    }

    @Get("/{orderId}")
    OrderDetail order(String orderId, Caller caller) {
        caller.requireAdmin();
        return OrderDetail.of(desk.story(orderId));
    }
}
