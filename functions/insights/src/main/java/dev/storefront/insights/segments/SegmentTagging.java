package dev.storefront.insights.segments;

import dev.storefront.customerstore.CustomerStore;
import dev.storefront.customerstore.SegmentRuleStore;
import dev.storefront.domain.customer.CustomerFacts;
import dev.storefront.domain.customer.SegmentChange;
import dev.storefront.domain.customer.SegmentRule;
import dev.storefront.eventcontract.Envelope;
import dev.storefront.insights.AnalyticsListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tags signed-in customers on every {@code order.placed}: counts the order once, then evaluates
 * every segment rule on the order's facts (its email, used here and never stored, and the
 * customer's order count) and joins the segments that match and leaves those that no longer do.
 * Guest orders (no {@code customerId}) tag nobody. Segments whose rule no longer exists are left
 * as they are: only rules decide memberships.
 */
@Singleton
class SegmentTagging implements AnalyticsListener {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentTagging.class);

    private final SegmentRuleStore rules;
    private final CustomerStore profiles;
    private final Clock clock;

    SegmentTagging(SegmentRuleStore rules, CustomerStore profiles, Clock clock) {
        this.rules = rules;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public void on(Envelope event) {
        String customerId = event.text("customerId");
        if (!"order.placed".equals(event.type()) || customerId == null) {
            return;
        }
        boolean counted = profiles.countOrder(customerId, event.orderId(), Instant.parse(event.occurredAt()));
        CustomerStore.Profile profile = profiles.find(customerId);
        Map<String, SegmentRule> all = rules.all();
        Set<String> matching = SegmentRule.matching(all, new CustomerFacts(event.text("email"), profile.orderCount()));
        Set<String> ruled = new TreeSet<>(profile.segments());
        ruled.retainAll(all.keySet());
        SegmentChange change = SegmentChange.between(ruled, matching);
        Set<String> now = new TreeSet<>(profile.segments());
        now.removeAll(change.left());
        now.addAll(change.joined());
        if (!change.isEmpty()) {
            profiles.apply(customerId, change, now, clock.instant());
        }
        LOG.info("Customer tagged for order {}{}: {} orders, joined {}, left {}", event.orderId(), counted ? "" : " (already counted)",
                profile.orderCount(), change.joined(), change.left());
    }
}
