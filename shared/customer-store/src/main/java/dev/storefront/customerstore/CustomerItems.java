package dev.storefront.customerstore;

import dev.storefront.domain.customer.SegmentRule;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static dev.storefront.aws.Attributes.s;
import static dev.storefront.aws.Attributes.text;

/**
 * The items of the Customers table (pk, sk), the one place that knows them:
 * <ul>
 *   <li>a customer's profile ({@code CUSTOMER#<sub>}, {@code PROFILE}): {@code customerId, orderCount,
 *       firstOrderAt, lastOrderAt, segments?} and, once delivered, {@code firstDeliveredOrderId,
 *       retentionCoupon, couponNotified?}; never an email or an address;</li>
 *   <li>the marker of each of their orders counted ({@code CUSTOMER#<sub>}, {@code ORDER#<orderId>}): {@code countedAt};</li>
 *   <li>a segment's members ({@code SEGMENT#<name>}, {@code CUSTOMER#<sub>}): {@code customerId, joinedAt};</li>
 *   <li>the segment rules ({@code SEGMENT_RULE}, {@code <name>}): {@code emailDomainEndsWith?, minOrders?, maxOrders?, updatedAt};</li>
 *   <li>an order's facts for retention ({@code ORDER#<orderId>}, {@code FACTS}): {@code customerId?, productIds}.</li>
 * </ul>
 */
final class CustomerItems {

    static final String RULES = "SEGMENT_RULE";
    static final String CUSTOMER = "CUSTOMER#";

    private CustomerItems() {
    }

    static Map<String, AttributeValue> profile(String customerId) {
        return key(CUSTOMER + customerId, "PROFILE");
    }

    static Map<String, AttributeValue> orderCounted(String customerId, String orderId) {
        return key(CUSTOMER + customerId, "ORDER#" + orderId);
    }

    static Map<String, AttributeValue> membership(String segment, String customerId) {
        return key(segmentPk(segment), CUSTOMER + customerId);
    }

    static String segmentPk(String segment) {
        return "SEGMENT#" + segment;
    }

    static Map<String, AttributeValue> rule(String segment) {
        return key(RULES, segment);
    }

    static Map<String, AttributeValue> orderFacts(String orderId) {
        return key("ORDER#" + orderId, "FACTS");
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    /** The profile's segments; none when the item is missing or has none. */
    static Set<String> segments(Map<String, AttributeValue> profile) {
        return profile != null && profile.containsKey("segments") ? Set.copyOf(profile.get("segments").ss()) : Set.of();
    }

    static Map<String, AttributeValue> ruleItem(String name, SegmentRule rule, String updatedAt) {
        Map<String, AttributeValue> item = new HashMap<>(rule(name));
        if (rule.emailDomainEndsWith() != null) {
            item.put("emailDomainEndsWith", s(rule.emailDomainEndsWith()));
        }
        if (rule.minOrders() != null) {
            item.put("minOrders", AttributeValue.fromN(rule.minOrders().toString()));
        }
        if (rule.maxOrders() != null) {
            item.put("maxOrders", AttributeValue.fromN(rule.maxOrders().toString()));
        }
        item.put("updatedAt", s(updatedAt));
        return item;
    }

    static SegmentRule ruleFromItem(Map<String, AttributeValue> item) {
        return new SegmentRule(text(item, "emailDomainEndsWith"),
                item.containsKey("minOrders") ? Integer.valueOf(item.get("minOrders").n()) : null,
                item.containsKey("maxOrders") ? Integer.valueOf(item.get("maxOrders").n()) : null);
    }
}
