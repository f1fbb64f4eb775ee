package dev.storefront.cartstore;

import dev.storefront.domain.Money;
import dev.storefront.domain.cart.Discount;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.storefront.cartstore.CartItems.n;
import static dev.storefront.cartstore.CartItems.s;

/**
 * Discount codes in the DiscountCodes table, one item per code:
 * {@code code, kind (PERCENTAGE|FIXED_AMOUNT), percentOff | amountOff+currency,
 * minimumSubtotal+minimumCurrency?, expiresAt?}. Amounts are minor units.
 */
@Singleton
public class DiscountRepository {

    private final DynamoDbClient dynamo;
    private final String discounts;
    private final Clock clock;

    DiscountRepository(DynamoDbClient dynamo, @Property(name = "storefront.tables.discounts") String discounts, Clock clock) {
        this.dynamo = dynamo;
        this.discounts = discounts;
        this.clock = clock;
    }

    public Optional<Discount> find(String code) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(discounts).key(Map.of("code", s(code)))).item();
        if (item == null || !item.containsKey("kind")) {
            return Optional.empty();
        }
        Money minimum = item.containsKey("minimumSubtotal")
                ? new Money(Long.parseLong(item.get("minimumSubtotal").n()), item.get("minimumCurrency").s()) : null;
        Instant expiresAt = item.containsKey("expiresAt") ? Instant.parse(item.get("expiresAt").s()) : null;
        return Optional.of(Discount.Kind.valueOf(item.get("kind").s()) == Discount.Kind.PERCENTAGE
                ? Discount.percentage(code, Integer.parseInt(item.get("percentOff").n()), minimum, expiresAt)
                : Discount.fixedAmount(code, new Money(Long.parseLong(item.get("amountOff").n()), item.get("currency").s()), minimum, expiresAt));
    }

    /** Creates or replaces a code; true when it was created. */
    public boolean save(Discount discount) {
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
        item.put("updatedAt", s(clock.instant().toString()));
        Map<String, AttributeValue> previous = dynamo.putItem(r -> r.tableName(discounts).item(item).returnValues(ReturnValue.ALL_OLD)).attributes();
        return previous == null || previous.isEmpty();
    }
}
