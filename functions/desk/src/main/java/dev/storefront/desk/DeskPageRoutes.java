package dev.storefront.desk;

import dev.storefront.domain.Caller;
import dev.storefront.domain.order.OrderFilter;
import dev.storefront.http.Html;
import dev.storefront.orderstore.OrderListing;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

/**
 * {@code GET /admin/desk?status=&from=&to=&email=&cursor=&orderId=}: the order desk as one
 * self-contained page (admins only, like every /admin route), built from the same answers as
 * {@code GET /admin/orders} and {@code GET /admin/orders/{orderId}}; bad filters are the same 400s.
 */
@Controller("/admin/desk")
class DeskPageRoutes {

    static final int PAGE_SIZE = 50;

    private final OrderListing listing;
    private final OrderDesk desk;

    DeskPageRoutes(OrderListing listing, OrderDesk desk) {
        this.listing = listing;
        this.desk = desk;
    }

    @Get
    HttpResponse<String> page(Caller caller, @Nullable @QueryValue String status, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                              @Nullable @QueryValue String email, @Nullable @QueryValue String cursor, @Nullable @QueryValue String orderId) {
        caller.requireAdmin();
        OrderListing.Page page = listing.list(OrderFilter.parse(status, from, to, email), PAGE_SIZE, cursor);
        OrderDeskRoutes.OrderList orders = new OrderDeskRoutes.OrderList(page.items().stream().map(OrderDeskRoutes.Row::of).toList(), page.nextCursor());
        OrderDetail order = orderId == null || orderId.isBlank() ? null : OrderDetail.of(desk.story(orderId));
        return Html.page(DeskPage.render(new DeskPage.Filters(status, from, to, email), orders, order));
    }
}
