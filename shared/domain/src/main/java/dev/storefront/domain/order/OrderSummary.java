package dev.storefront.domain.order;

import dev.storefront.domain.Money;

import java.time.Instant;

/** One row of the order desk's list: what the index holds of an order, without reading the order itself. */
public record OrderSummary(String orderId, OrderStatus status, String email, Money total, String customerId, Instant createdAt) {
}
