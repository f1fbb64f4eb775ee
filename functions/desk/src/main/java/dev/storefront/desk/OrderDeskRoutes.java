package dev.storefront.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.audit.AuditTrail;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Money;
import dev.storefront.domain.order.OrderFilter;
import dev.storefront.domain.order.OrderNote;
import dev.storefront.domain.order.OrderSummary;
import dev.storefront.eventcontract.FulfilmentRequest;
import dev.storefront.http.JsonBody;
import dev.storefront.http.JsonObject;
import dev.storefront.http.QueryParams;
import dev.storefront.orderstore.OrderListing;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;


/**
 * The order desk's orders (admins only): {@code GET /admin/orders?status=&from=&to=&email=&limit=&cursor=}
 * (any order, newest first), {@code GET /admin/orders/{orderId}} (one order with its timeline) and
 * the operators' actions on it: cancel, notes, fulfilment/resend (each audited by {@link AuditTrail}).
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

    /** 202: cancelled (or already so); the partner is told and the authorization voided as the order.cancelled event is handled. */
    @Post("/{orderId}/cancel")
    HttpResponse<OrderDetail> cancel(String orderId, Caller caller, HttpRequest<?> request) {
        caller.requireAdmin();
        AuditTrail.before(request, Map.of("status", desk.file(orderId).order().status().name()));
        desk.cancel(orderId);
        return HttpResponse.accepted().body(OrderDetail.of(desk.story(orderId)));
    }

    @Serdeable
    record NoteView(String at, String actor, String text) {
    }

    @Post("/{orderId}/notes")
    HttpResponse<NoteView> note(String orderId, Caller caller, @Nullable @Body String body) {
        caller.requireAdmin();
        JsonObject fields = JsonBody.parse(body).allowOnly("text");
        OrderNote note = desk.note(orderId, caller.subject(), fields.string("text", OrderNote.MAX_TEXT));
        return HttpResponse.created(new NoteView(note.at().toString(), note.actor(), note.text()));
    }

    @Serdeable
    record Resent(String orderId, String type, String eventId) {
    }

    /** 202: the request is on the partner's queue again, with the eventId it first had. */
    @Post("/{orderId}/fulfilment/resend")
    HttpResponse<Resent> resend(String orderId, Caller caller) {
        caller.requireAdmin();
        return HttpResponse.accepted().body(new Resent(orderId, FulfilmentRequest.TYPE, desk.resend(orderId)));
    }
}
