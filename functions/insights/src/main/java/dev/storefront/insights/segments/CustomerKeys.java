package dev.storefront.insights.segments;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The keys of the Customers table (pk, sk): a customer's profile ({@code CUSTOMER#<sub>},
 * {@code PROFILE}), the marker of each of their orders counted ({@code CUSTOMER#<sub>},
 * {@code ORDER#<orderId>}), a segment's members ({@code SEGMENT#<name>}, {@code CUSTOMER#<sub>})
 * and the segment rules ({@code SEGMENT_RULE}, {@code <name>}).
 */
public final class CustomerKeys {

    public static final String RULES = "SEGMENT_RULE";
    static final String CUSTOMER = "CUSTOMER#";

    private CustomerKeys() {
    }

    public static Map<String, AttributeValue> profile(String customerId) {
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

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }
}
