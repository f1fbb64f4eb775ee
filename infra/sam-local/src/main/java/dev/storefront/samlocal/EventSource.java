package dev.storefront.samlocal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A function event that is not an HTTP route: an event-source mapping or a schedule.
 *
 * @param eventName  the event's key under {@code Events}
 * @param type       the SAM event type as written, e.g. {@code SQS}, {@code DynamoDB}, {@code Schedule}
 * @param properties the event's {@code Properties}, unresolved
 */
public record EventSource(String eventName, String type, Map<String, Object> properties) {

    public EventSource {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(type, "type");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
