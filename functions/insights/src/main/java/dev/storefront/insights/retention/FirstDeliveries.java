package dev.storefront.insights.retention;

import dev.storefront.insights.segments.CustomerKeys;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.util.Map;
import java.util.Optional;

/**
 * Which order was a customer's first delivered one, and the coupon it earned, on the customer's
 * profile ({@code firstDeliveredOrderId}, {@code retentionCoupon}, {@code couponNotified}). The
 * claim is one conditional write: however often and in whatever order deliveries arrive, one
 * order ever becomes the first, and its coupon code is fixed by that same write.
 */
@Singleton
class FirstDeliveries {

    /** The customer's first delivered order and its coupon code; {@code notified} once the notification went out. */
    record Claim(String orderId, String couponCode, boolean notified) {
    }

    private final DynamoDbClient dynamo;
    private final String customers;

    FirstDeliveries(DynamoDbClient dynamo, @Property(name = "storefront.tables.customers") String customers) {
        this.dynamo = dynamo;
        this.customers = customers;
    }

    /**
     * Makes this order the customer's first delivered one, with this coupon code, unless another
     * order already is. Returns the claim that holds: this order's (new, or from an earlier
     * delivery of the same event), or another order's.
     */
    Claim claim(String customerId, String orderId, String newCouponCode) {
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(r -> r.tableName(customers).key(CustomerKeys.profile(customerId))
                    .updateExpression("SET firstDeliveredOrderId = :order, retentionCoupon = :code")
                    .conditionExpression("attribute_not_exists(firstDeliveredOrderId)")
                    .expressionAttributeValues(Map.of(":order", AttributeValue.fromS(orderId), ":code", AttributeValue.fromS(newCouponCode)))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return claimOf(after);
        } catch (ConditionalCheckFailedException e) {
            return e.hasItem() ? claimOf(e.item()) : current(customerId).orElseThrow(() -> e);
        }
    }

    private Optional<Claim> current(String customerId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(customers).key(CustomerKeys.profile(customerId)).consistentRead(true)).item();
        return item == null || !item.containsKey("firstDeliveredOrderId") ? Optional.empty() : Optional.of(claimOf(item));
    }

    /** Notes that the coupon's notification was sent, so a redelivered event sends none. */
    void notified(String customerId) {
        dynamo.updateItem(r -> r.tableName(customers).key(CustomerKeys.profile(customerId))
                .updateExpression("SET couponNotified = :yes")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
    }

    private static Claim claimOf(Map<String, AttributeValue> item) {
        return new Claim(item.get("firstDeliveredOrderId").s(), item.get("retentionCoupon").s(),
                item.containsKey("couponNotified") && Boolean.TRUE.equals(item.get("couponNotified").bool()));
    }
}
