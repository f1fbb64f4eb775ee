package dev.storefront.discountstore;

import dev.storefront.domain.Money;
import dev.storefront.domain.cart.Discount;
import dev.storefront.domain.cart.DiscountRestrictions;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;
import static dev.storefront.aws.Attributes.text;

/**
 * Discount codes in the DiscountCodes table, one item per code:
 * {@code code, kind (PERCENTAGE|FIXED_AMOUNT), percentOff | amountOff+currency,
 * minimumSubtotal+minimumCurrency?, expiresAt?}, and the optional restrictions
 * {@code customerId?, segment?, categories? (string set), singleUse?} with, for a single-use code,
 * {@code redeemedBy} (the order that used it) and {@code redeemedAt}. Amounts are minor units.
 * The table's one owner: cart pricing and checkout read and redeem codes, discount admin and
 * retention coupons (insights) write them.
 */
@Singleton
public class DiscountRepository {

    private final DynamoDbClient dynamo;
    private final String discounts;
    private final Clock clock;

    DiscountRepository(DynamoDbClient dynamo, DiscountTables tables, Clock clock) {
        this.dynamo = dynamo;
        this.discounts = tables.discounts();
        this.clock = clock;
    }

    /** A strongly consistent read: whether a single-use code is still unused must be current. */
    public Optional<Discount> find(String code) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(discounts).key(Map.of("code", s(code))).consistentRead(true)).item();
        if (item == null || !item.containsKey("kind")) {
            return Optional.empty();
        }
        Money minimum = item.containsKey("minimumSubtotal")
                ? new Money(Long.parseLong(item.get("minimumSubtotal").n()), item.get("minimumCurrency").s()) : null;
        Instant expiresAt = item.containsKey("expiresAt") ? Instant.parse(item.get("expiresAt").s()) : null;
        Discount discount = Discount.Kind.valueOf(item.get("kind").s()) == Discount.Kind.PERCENTAGE
                ? Discount.percentage(code, Integer.parseInt(item.get("percentOff").n()), minimum, expiresAt)
                : Discount.fixedAmount(code, new Money(Long.parseLong(item.get("amountOff").n()), item.get("currency").s()), minimum, expiresAt);
        DiscountRestrictions restrictions = new DiscountRestrictions(text(item, "customerId"), text(item, "segment"),
                item.containsKey("categories") ? Set.copyOf(item.get("categories").ss()) : Set.of(),
                item.containsKey("singleUse") && Boolean.TRUE.equals(item.get("singleUse").bool()));
        return Optional.of(discount.restrictedTo(restrictions).redeemedBy(text(item, "redeemedBy")));
    }

    /** Creates or replaces a code; true when it was created. Replacing a code forgets its redemption. */
    public boolean save(Discount discount) {
        Map<String, AttributeValue> previous = dynamo.putItem(r -> r.tableName(discounts).item(toItem(discount))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return previous == null || previous.isEmpty();
    }

    /** Creates a code that must not exist yet (a generated coupon); false when the code is taken. */
    public boolean create(Discount discount) {
        try {
            dynamo.putItem(r -> r.tableName(discounts).item(toItem(discount)).conditionExpression("attribute_not_exists(code)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * For a checkout transaction: a single-use code is redeemed by the order, only if nobody has
     * redeemed it and only by the customer it was issued to (when it is personal). Of concurrent
     * checkouts with the same code, exactly one transaction can pass this condition.
     */
    public Update redemption(Discount discount, String orderId, String customerId) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":order", s(orderId), ":at", s(clock.instant().toString())));
        String condition = "attribute_exists(code) AND attribute_not_exists(redeemedBy)";
        if (discount.restrictions().customerId() != null) {
            condition += " AND customerId = :customer";
            values.put(":customer", s(customerId == null ? "" : customerId));
        }
        return Update.builder().tableName(discounts).key(Map.of("code", s(discount.code())))
                .updateExpression("SET redeemedBy = :order, redeemedAt = :at")
                .conditionExpression(condition)
                .expressionAttributeValues(values)
                .build();
    }

    /**
     * Gives a redeemed code back after its order did not go through (payment declined, expired
     * unpaid). Conditional on this order being the one that redeemed it, so it happens at most once
     * and never frees a redemption by another order. Returns whether it was released.
     */
    public boolean release(String code, String orderId) {
        try {
            dynamo.updateItem(r -> r.tableName(discounts).key(Map.of("code", s(code)))
                    .updateExpression("REMOVE redeemedBy, redeemedAt")
                    .conditionExpression("redeemedBy = :order")
                    .expressionAttributeValues(Map.of(":order", s(orderId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Map<String, AttributeValue> toItem(Discount discount) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("code", s(discount.code()));
        item.put("kind", s(discount.kind().name()));
        if (discount.kind() == Discount.Kind.PERCENTAGE) {
            item.put("percentOff", n(discount.percentOff()));
        } else {
            item.put("amountOff", n(discount.amountOff().amount()));
            item.put("currency", s(discount.amountOff().currency()));
        }
        if (discount.minimumSubtotal() != null) {
            item.put("minimumSubtotal", n(discount.minimumSubtotal().amount()));
            item.put("minimumCurrency", s(discount.minimumSubtotal().currency()));
        }
        if (discount.expiresAt() != null) {
            item.put("expiresAt", s(discount.expiresAt().toString()));
        }
        DiscountRestrictions limits = discount.restrictions();
        if (limits.customerId() != null) {
            item.put("customerId", s(limits.customerId()));
        }
        if (limits.segment() != null) {
            item.put("segment", s(limits.segment()));
        }
        if (!limits.categories().isEmpty()) {
            item.put("categories", AttributeValue.fromSs(List.copyOf(limits.categories())));
        }
        if (limits.singleUse()) {
            item.put("singleUse", AttributeValue.fromBool(true));
        }
        item.put("updatedAt", s(clock.instant().toString()));
        return item;
    }
}
