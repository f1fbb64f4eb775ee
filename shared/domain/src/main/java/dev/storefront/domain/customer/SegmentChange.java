package dev.storefront.domain.customer;

import java.util.Set;
import java.util.TreeSet;

/** The memberships to write after an order: the segments a customer joins and those they leave. */
public record SegmentChange(Set<String> joined, Set<String> left) {

    public SegmentChange {
        joined = Set.copyOf(joined);
        left = Set.copyOf(left);
    }

    /** From the segments a customer is in now to those their facts match now. */
    public static SegmentChange between(Set<String> current, Set<String> matching) {
        Set<String> joined = new TreeSet<>(matching);
        joined.removeAll(current);
        Set<String> left = new TreeSet<>(current);
        left.removeAll(matching);
        return new SegmentChange(joined, left);
    }

    public boolean isEmpty() {
        return joined.isEmpty() && left.isEmpty();
    }
}
