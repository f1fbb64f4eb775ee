package dev.storefront.desk;

import dev.storefront.audit.AuditLog;
import dev.storefront.domain.Problem;
import dev.storefront.domain.order.OrderId;
import dev.storefront.domain.order.OrderTimeline;
import dev.storefront.orderstore.OrderRepository;
import jakarta.inject.Singleton;

import java.util.List;

/** What operators do with one order: read its whole story, and (next) act on it. */
@Singleton
class OrderDesk {

    private final OrderRepository orders;
    private final AuditLog audit;

    OrderDesk(OrderRepository orders, AuditLog audit) {
        this.orders = orders;
        this.audit = audit;
    }

    record Story(OrderRepository.OrderFile file, List<OrderTimeline.Entry> timeline) {
    }

    Story story(String orderId) {
        OrderRepository.OrderFile file = file(orderId);
        List<OrderTimeline.AdminAction> actions = audit.ofOrder(orderId).stream()
                .map(e -> new OrderTimeline.AdminAction(e.at(), e.actor(), e.action())).toList();
        return new Story(file, OrderTimeline.assemble(new OrderTimeline.Facts(file.order(), file.marks().sentMessages(),
                file.marks().paymentAction(), file.notes(), actions)));
    }

    OrderRepository.OrderFile file(String orderId) {
        if (!OrderId.isValid(orderId)) {
            throw Problem.notFound("order " + Problem.quote(orderId));
        }
        return orders.file(orderId).orElseThrow(() -> Problem.notFound("order " + orderId));
    }
}
