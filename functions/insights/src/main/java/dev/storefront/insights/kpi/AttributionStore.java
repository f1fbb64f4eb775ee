package dev.storefront.insights.kpi;

import dev.storefront.eventcontract.Envelope;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;

/**
 * Which channel and campaign an order is owed to (docs/INSIGHTS.md, "Attribution"). Items of
 * InsightsTable:
 * <ul>
 *   <li>touches: pk {@code TOUCH#<visitorId>}, sk {@code TOUCHES}: the visitor's first touch (what
 *       opened their current 30-day window) and last touch (the latest with a campaign, else the
 *       latest), {@code seenAt}; expires 31 days after the visitor was last seen;</li>
 *   <li>cart attribution: pk {@code CART#<cartId>}, sk {@code ATTRIBUTION}: the touches at the
 *       cart's checkout.started, read when its order.placed (or order.payment_failed) arrives; 31 days.</li>
 * </ul>
 * The order's touches are then kept on its order facts ({@code lastChannel}, ...) for its later
 * events. Touches are labels, not counts: a touch written twice is the same touch, and an event
 * older than what was seen changes nothing, so none of this needs the event's marker.
 */
@Singleton
class AttributionStore {

    /** A touch older than this opens a new window: first and last touch start again. */
    static final Duration WINDOW = Duration.ofDays(30);
    private static final Duration LIFETIME = WINDOW.plusDays(1);
    private static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(AttributionStore.class);

    /** The first and the last touch of a visitor, or of the visitor who checked a cart out. */
    record Touches(Touch first, Touch last) {
        static final Touches UNATTRIBUTED = new Touches(Touch.UNATTRIBUTED, Touch.UNATTRIBUTED);
    }

    private final DynamoDbClient dynamo;
    private final String table;

    AttributionStore(DynamoDbClient dynamo, InsightsTables tables) {
        this.dynamo = dynamo;
        this.table = tables.insights();
    }

    /** The funnel event's own channel and campaign: what it counts for. */
    static Touch touchOf(Envelope event) {
        return new Touch(event.channel(), event.campaign());
    }

    /** Notes a funnel event on its visitor's touches; a checkout.started leaves them on its cart for the order. */
    void noteFunnelEvent(Envelope event) {
        Touch touch = touchOf(event);
        Instant at = Instant.parse(event.occurredAt());
        Touches touches = event.visitorId() == null ? new Touches(touch, touch) : touched(event.visitorId(), touch, at);
        if ("checkout.started".equals(event.type()) && event.cartId() != null) {
            Map<String, AttributeValue> item = new HashMap<>(key("CART#" + event.cartId(), "ATTRIBUTION"));
            tag(item, touches);
            item.put("ttl", n(at.plus(LIFETIME).getEpochSecond()));
            dynamo.putItem(r -> r.tableName(table).item(item));
        }
    }

    /** The touches of the cart's checkout; unattributed when its checkout.started never arrived. */
    Touches ofCart(String cartId) {
        if (cartId == null) {
            return Touches.UNATTRIBUTED;
        }
        return touches(dynamo.getItem(r -> r.tableName(table).key(key("CART#" + cartId, "ATTRIBUTION")).consistentRead(true)).item());
    }

    /** The last touch a placed order was attributed to, from its order facts; unattributed without them. */
    Touch ofOrder(String orderId) {
        return touches(dynamo.getItem(r -> r.tableName(table).key(key("ORDER#" + orderId, "FACTS")).consistentRead(true)).item()).last();
    }

    /** Writes the touches onto an item (cart attribution, order facts). */
    static void tag(Map<String, AttributeValue> item, Touches touches) {
        item.put("firstChannel", s(touches.first().channel()));
        item.put("firstCampaign", s(touches.first().campaign()));
        item.put("lastChannel", s(touches.last().channel()));
        item.put("lastCampaign", s(touches.last().campaign()));
    }

    private Touches touched(String visitorId, Touch touch, Instant at) {
        Map<String, AttributeValue> key = key("TOUCH#" + visitorId, "TOUCHES");
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Map<String, AttributeValue> read = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
            boolean seen = read != null && read.containsKey("seenAt");
            Instant seenAt = seen ? Instant.parse(read.get("seenAt").s()) : null;
            if (seen && !at.isAfter(seenAt)) {
                return touches(read); // a redelivery or an older event: the touches stand
            }
            Touches next;
            if (!seen || Duration.between(seenAt, at).compareTo(WINDOW) > 0) {
                next = new Touches(touch, touch);
            } else {
                Touches now = touches(read);
                Instant lastAt = Instant.parse(read.get("lastAt").s());
                boolean replaces = touch.hasCampaign() || !now.last().hasCampaign() || Duration.between(lastAt, at).compareTo(WINDOW) > 0;
                next = replaces ? new Touches(now.first(), touch) : now;
            }
            Map<String, AttributeValue> item = new HashMap<>(key);
            tag(item, next);
            item.put("seenAt", s(at.toString()));
            item.put("lastAt", next.last() == touch ? s(at.toString()) : read.get("lastAt"));
            item.put("ttl", n(at.plus(LIFETIME).getEpochSecond()));
            try {
                dynamo.putItem(r -> r.tableName(table).item(item)
                        .conditionExpression(seen ? "seenAt = :read" : "attribute_not_exists(pk)")
                        .expressionAttributeValues(seen ? Map.of(":read", read.get("seenAt")) : null));
                return next;
            } catch (ConditionalCheckFailedException e) {
                LOG.info("Touches of the visitor changed concurrently, attempt {} of {}", attempt, ATTEMPTS);
            }
        }
        // A label, not a count: the concurrent event's touches are as good as this one's.
        return touches(dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item());
    }

    private static Touches touches(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey("lastChannel")) {
            return Touches.UNATTRIBUTED;
        }
        return new Touches(new Touch(text(item, "firstChannel"), text(item, "firstCampaign")),
                new Touch(text(item, "lastChannel"), text(item, "lastCampaign")));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }
}
